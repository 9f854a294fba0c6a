using StudyBot.Cli;

// The studybot command line: each verb is one class under Cli/ (or its feature folder).
var verbs = new CliVerbTable
{
};

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
return await verbs.RunAsync(args, CliConsole.System, cancellation.Token);
