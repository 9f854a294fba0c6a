namespace StudyBot.Cli;

/// <summary>One verb of the <c>studybot</c> command line, e.g. <c>papers list</c> or <c>bench lora</c>.</summary>
public interface ICliVerb
{
    /// <summary>The words that select this verb, e.g. "papers list".</summary>
    string Name { get; }

    /// <summary>One line shown in <c>studybot help</c>.</summary>
    string Summary { get; }

    /// <summary>The argument synopsis shown after the name, e.g. "&lt;id&gt; [--json]".</summary>
    string Usage { get; }

    Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken);
}
