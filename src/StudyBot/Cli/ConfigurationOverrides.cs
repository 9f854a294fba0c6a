namespace StudyBot.Cli;

/// <summary>Passes the options a verb did not consume (e.g. <c>--Storage:DatabasePath=x.db</c>) on to the host's
/// configuration, the same syntax as .NET's command-line configuration provider.</summary>
internal static class ConfigurationOverrides
{
    public static string[] From(CliArguments arguments) => arguments.RemainingOptions()
        .Select(o => o.Value is null ? $"--{o.Key}=true" : $"--{o.Key}={o.Value}")
        .ToArray();
}
