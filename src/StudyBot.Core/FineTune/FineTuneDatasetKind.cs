namespace StudyBot.Core.FineTune;

public enum FineTuneDatasetKind
{
    /// <summary>A <c>.txt</c> or <c>.jsonl</c> file attached to the command.</summary>
    Attachment,

    /// <summary>The Markdown body of a paper note from the library.</summary>
    Paper,

    /// <summary>A data set shipped with the bot.</summary>
    BuiltInSample,
}
