using System.Runtime.InteropServices;
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
    new SampleVerb(),
    new BenchLoraVerb(),
    new BenchInteractionsVerb(),
};

// Ctrl+C and SIGTERM (docker stop) both end the verb in an orderly way.
using var cancellation = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully);
return await verbs.RunAsync(args, CliConsole.System, cancellation.Token);

void StopGracefully(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
