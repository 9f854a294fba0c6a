using StudyBot.Training.Devices;

namespace StudyBot.Cli.Training;

/// <summary>
/// <c>--libtorch DIR</c>: a PyTorch install's torch/lib folder to load libtorch from. Without it the training verbs
/// read <see cref="LibTorchLoader.EnvironmentVariable"/>, and without that they use TorchSharp's packaged libtorch.
/// </summary>
internal static class LibTorchArgument
{
    public static string? Parse(CliArguments arguments) => arguments.Option("libtorch");
}
