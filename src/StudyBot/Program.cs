using StudyBot.Cli;
using StudyBot.Cli.Papers;
using StudyBot.Cli.Training;

// The studybot command line. Each verb is one class; `studybot help` lists them.
var playground = new PlaygroundVerb();
var verbs = new CliVerbTable
{
    new RunVerb(playground),
    playground,
    new PapersListVerb(),
    new PapersShowVerb(),
    new PapersPathVerb(),
    new PapersCheckVerb(),
    new MakeTinyModelVerb(),
    new FineTuneVerb(),
    new TrainVerb(),
    new BenchLoraVerb(),
};

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await verbs.RunAsync(args, CliConsole.System, cancellation.Token);
