using StudyBot.Training.Devices;

namespace StudyBot.Cli.Training;

internal static class DeviceArgument
{
    public static DeviceChoice Parse(CliArguments arguments) => arguments.Option("device") switch
    {
        null or "auto" => DeviceChoice.Auto,
        "cpu" => DeviceChoice.Cpu,
        "cuda" => DeviceChoice.Cuda,
        var other => throw new CliUsageException($"--device must be auto, cpu or cuda (got '{other}')."),
    };
}
