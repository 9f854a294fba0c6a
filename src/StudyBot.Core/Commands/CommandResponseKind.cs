namespace StudyBot.Core.Commands;

public enum CommandResponseKind
{
    /// <summary>A new message answering the interaction.</summary>
    Message,

    /// <summary>Replace the message the clicked component is on (components only).</summary>
    UpdateMessage,

    /// <summary>Show <see cref="CommandResponse.Modal"/> instead of a message.</summary>
    Modal,
}
