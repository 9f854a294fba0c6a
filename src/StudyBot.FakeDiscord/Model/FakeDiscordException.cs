namespace StudyBot.FakeDiscord.Model;

/// <summary>A control-API call the fake cannot honour (unknown member, option not in the registered command, …).</summary>
public sealed class FakeDiscordException : Exception
{
    public FakeDiscordException()
    {
    }

    public FakeDiscordException(string message)
        : base(message)
    {
    }

    public FakeDiscordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
