using System.Text.Json.Nodes;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>Command definitions shaped like StudyBot's, registered by hand while the real bot is not in the loop.</summary>
internal static class SampleCommands
{
    public static JsonArray All() =>
    [
        new JsonObject
        {
            ["name"] = "paper",
            ["description"] = "Papers in the club library",
            ["type"] = 1,
            ["options"] = new JsonArray
            {
                Sub("info", "Show a paper's card", new JsonObject
                {
                    ["type"] = 3, ["name"] = "title", ["description"] = "Paper title or arXiv id", ["required"] = true, ["autocomplete"] = true,
                }),
                Sub("import", "Import a paper note", new JsonObject
                {
                    ["type"] = 11, ["name"] = "file", ["description"] = "A markdown note", ["required"] = true,
                }),
            },
        },
        new JsonObject
        {
            ["name"] = "queue",
            ["description"] = "The reading queue",
            ["type"] = 1,
            ["options"] = new JsonArray
            {
                Sub("add", "Suggest a paper for the queue",
                    new JsonObject { ["type"] = 3, ["name"] = "title", ["description"] = "Paper title", ["required"] = true },
                    new JsonObject
                    {
                        ["type"] = 3, ["name"] = "priority", ["description"] = "How urgent",
                        ["choices"] = new JsonArray
                        {
                            new JsonObject { ["name"] = "Soon", ["value"] = "soon" },
                            new JsonObject { ["name"] = "Some day", ["value"] = "later" },
                        },
                    }),
                Sub("list", "Show the queue"),
            },
        },
        new JsonObject
        {
            ["name"] = "club",
            ["description"] = "Club settings (admins)",
            ["type"] = 1,
            ["default_member_permissions"] = "32",
            ["options"] = new JsonArray
            {
                Sub("schedule", "Schedule the next session",
                    new JsonObject { ["type"] = 4, ["name"] = "weeks", ["description"] = "Weeks from now", ["required"] = true, ["min_value"] = 1, ["max_value"] = 8 }),
            },
        },
    ];

    private static JsonObject Sub(string name, string description, params JsonObject[] options) => new()
    {
        ["type"] = 1,
        ["name"] = name,
        ["description"] = description,
        ["options"] = new JsonArray([.. options]),
    };
}
