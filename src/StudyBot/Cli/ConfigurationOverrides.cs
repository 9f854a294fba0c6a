namespace StudyBot.Cli;

/// <summary>
/// Passes the options a verb did not consume on to the host's configuration, in the syntax of .NET's command-line
/// configuration provider: only <c>--Section:Key=value</c> (a name with a ':'), e.g. <c>--Storage:DatabasePath=x.db</c>.
/// Anything else left over (a typo such as <c>--prot 5080</c>, a stray positional) is a usage error rather than a
/// setting nobody reads, so the verb stops with its usage instead of starting with the typo ignored.
/// </summary>
public static class ConfigurationOverrides
{
    /// <param name="passThrough">Options the verb hands on unchanged (as <c>--name=value</c>) to another verb that
    /// reads them, e.g. <c>run</c> handing <c>--port</c> to the playground.</param>
    public static string[] From(CliArguments arguments, params string[] passThrough)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var kept = passThrough
            .Select(name => (Name: name, Value: arguments.Option(name)))
            .Where(o => o.Value is not null)
            .Select(o => $"--{o.Name}={o.Value}")
            .ToList();
        var remaining = arguments.RemainingOptions();
        var unknown = remaining.Where(o => !IsSetting(o.Key)).Select(o => "--" + o.Key).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException(
                $"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}. Configuration overrides are written --Section:Key=value.");
        }

        arguments.EnsureAllConsumed();
        return
        [
            .. remaining.Select(o => o.Value is null ? $"--{o.Key}=true" : $"--{o.Key}={o.Value}"),
            .. kept,
        ];
    }

    /// <summary>A configuration key: sections separated by ':' with no empty part, e.g. <c>Discord:Token</c>.</summary>
    private static bool IsSetting(string name) =>
        name.Contains(':', StringComparison.Ordinal) && name.Split(':').All(part => part.Length > 0);
}
