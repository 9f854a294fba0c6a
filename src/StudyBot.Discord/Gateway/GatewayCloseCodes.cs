namespace StudyBot.Discord.Gateway;

/// <summary>What a close code from Discord means for the next connection.</summary>
internal static class GatewayCloseCodes
{
    public static bool IsFatal(int code) => code is 4004 or 4010 or 4011 or 4012 or 4013 or 4014;

    /// <summary>Codes after which the session cannot be resumed (invalid sequence, session timed out).</summary>
    public static bool NeedsNewSession(int code) => code is 4007 or 4009;

    public static string Describe(int code) => code switch
    {
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: the bot token is invalid",
        4005 => "already authenticated",
        4007 => "invalid resume sequence",
        4008 => "rate limited",
        4009 => "session timed out",
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them in the developer portal or stop asking for them",
        _ => "closed",
    };
}
