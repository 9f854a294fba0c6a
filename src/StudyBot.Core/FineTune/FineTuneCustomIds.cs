namespace StudyBot.Core.FineTune;

/// <summary>Custom ids of the fine-tune buttons and modal: <c>ft:cancel:&lt;run&gt;</c>, <c>ft:sample:&lt;run&gt;</c>,
/// <c>ft:prompt:&lt;run&gt;</c> (the modal's submit).</summary>
public static class FineTuneCustomIds
{
    public const string Prefix = "ft:";
    public const string PromptInput = "prompt";

    public static string Cancel(string runId) => $"ft:cancel:{runId}";

    public static string SampleAgain(string runId) => $"ft:sample:{runId}";

    public static string PromptModal(string runId) => $"ft:prompt:{runId}";

    /// <summary>Splits "ft:action:run" into its action and run id; false for anything else.</summary>
    public static bool TryParse(string customId, out string action, out string runId)
    {
        action = runId = string.Empty;
        var parts = customId.Split(':');
        if (parts.Length != 3 || parts[0] != "ft" || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        action = parts[1];
        runId = parts[2];
        return true;
    }
}
