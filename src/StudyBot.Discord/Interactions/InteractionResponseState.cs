namespace StudyBot.Discord.Interactions;

public enum InteractionResponseState
{
    /// <summary>Nothing sent yet; Discord needs something within 3 s.</summary>
    None,

    /// <summary>Type 5 sent ("thinking…"); the next reply edits it.</summary>
    Deferred,

    /// <summary>Type 6 sent (component acknowledged silently).</summary>
    DeferredUpdate,

    /// <summary>A real first response went out; further replies become follow-ups.</summary>
    Responded,

    /// <summary>Discord refused the first response (10062 too late, 40060 answered elsewhere); nothing more is sent.</summary>
    Abandoned,
}
