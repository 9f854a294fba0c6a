namespace StudyBot.Playground;

/// <summary>Settings of <c>studybot playground</c>; validated when the host starts.</summary>
public sealed record PlaygroundOptions
{
    public const int DefaultPort = 5080;

    /// <summary>Port of the web page on 127.0.0.1; 0 picks a free one (the chosen URL is printed).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Port of the fake Discord that <see cref="PlaygroundHost.RunAsync"/> starts; 0 picks a free one.</summary>
    public int FakeDiscordPort { get; init; }

    /// <summary>How long a page request waits for the bot's first answer to an interaction. Discord gives a bot 3 s,
    /// so a little more lets the page tell "did not respond" apart from a slow answer.</summary>
    public TimeSpan InteractionWait { get; init; } = TimeSpan.FromSeconds(3.5);

    /// <summary>Where the page URL and start-up lines are printed.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Playground port must be 0 (any free port) or 1..65535.");
        }
        if (FakeDiscordPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(FakeDiscordPort), FakeDiscordPort, "Fake Discord port must be 0 (any free port) or 1..65535.");
        }
        if (InteractionWait <= TimeSpan.Zero || InteractionWait > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(InteractionWait), InteractionWait, "InteractionWait must be between 0 and 30 seconds.");
        }
        ArgumentNullException.ThrowIfNull(Output);
    }
}
