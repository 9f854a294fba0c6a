namespace StudyBot.Discord.Gateway;

/// <summary>The gateway cannot continue (bad token, disallowed intents, identify budget exhausted): stop, don't retry.</summary>
public sealed class GatewayFatalException : Exception
{
    public GatewayFatalException(string message, int? closeCode = null) : base(message)
    {
        CloseCode = closeCode;
    }

    public GatewayFatalException()
    {
    }

    public GatewayFatalException(string message) : base(message)
    {
    }

    public GatewayFatalException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int? CloseCode { get; }
}
