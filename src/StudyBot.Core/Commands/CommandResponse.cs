namespace StudyBot.Core.Commands;

/// <summary>What a handler answers, independent of the transport.</summary>
public sealed record CommandResponse
{
    public CommandResponseKind Kind { get; init; } = CommandResponseKind.Message;

    public string? Content { get; init; }

    public IReadOnlyList<ResponseEmbed> Embeds { get; init; } = [];

    public IReadOnlyList<ActionRow> Components { get; init; } = [];

    public IReadOnlyList<ResponseFile> Files { get; init; } = [];

    /// <summary>Only the invoking member sees the message.</summary>
    public bool Ephemeral { get; init; }

    public ModalResponse? Modal { get; init; }

    /// <summary>
    /// Called by the transport once this response was sent, with where it lives; with null when it could not be
    /// sent or located. Lets a handler attach its reply to something that keeps editing it later.
    /// </summary>
    public Func<CommandReply?, CancellationToken, Task>? OnSent { get; init; }

    public static CommandResponse Text(string content, bool ephemeral = false) => new() { Content = content, Ephemeral = ephemeral };

    /// <summary>An ephemeral error message for the invoking member.</summary>
    public static CommandResponse Error(string message) => new() { Content = "⚠️ " + message, Ephemeral = true };

    public static CommandResponse ShowModal(ModalResponse modal) => new() { Kind = CommandResponseKind.Modal, Modal = modal };

    /// <summary>Turns this response into an edit of the message a clicked component is on.</summary>
    public CommandResponse AsMessageUpdate() => this with { Kind = CommandResponseKind.UpdateMessage, Ephemeral = false };
}
