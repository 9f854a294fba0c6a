using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Collects field errors into Discord's nested tree: <c>{"embeds":{"0":{"title":{"_errors":[{code,message}]}}}}</c>.</summary>
internal sealed class FormErrors
{
    private readonly JsonObject _root = [];

    public bool Any => _root.Count > 0;

    public JsonObject Tree => _root;

    /// <summary><paramref name="path"/> is dot-separated, e.g. "embeds.0.description"; empty means the body itself.</summary>
    public void Add(string path, string code, string message)
    {
        var node = _root;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }
            node = child;
        }
        if (node["_errors"] is not JsonArray list)
        {
            list = [];
            node["_errors"] = list;
        }
        list.Add(new JsonObject { ["code"] = code, ["message"] = message });
    }

    public void MaxLength(string path, int max) =>
        Add(path, "BASE_TYPE_MAX_LENGTH", $"Must be {max} or fewer in length.");

    public void Required(string path) => Add(path, "BASE_TYPE_REQUIRED", "This field is required");

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw DiscordApiException.InvalidForm(_root);
        }
    }
}
