using StudyBot.Training.Devices;

namespace StudyBot.Training.Tests.Devices;

public sealed class TorchDevicesTests
{
    [Fact]
    public void Auto_picks_the_cpu_here_and_says_which_libtorch_it_used()
    {
        var selection = TorchDevices.Select(DeviceChoice.Auto);

        Assert.False(selection.IsCuda);
        Assert.Equal("cpu", selection.Report.Device);
        Assert.Equal("libtorch packaged with TorchSharp", selection.Report.LibTorch);
        Assert.Contains(selection.Report.LibTorchPaths, p => p.EndsWith("libtorch_cpu.so", StringComparison.Ordinal));
        Assert.StartsWith("device cpu; libtorch packaged with TorchSharp", selection.Report.ToString());
    }

    [Fact]
    public void Cuda_without_a_gpu_is_a_clear_error_not_a_silent_fallback()
    {
        var error = Assert.Throws<DeviceUnavailableException>(() => TorchDevices.Select(DeviceChoice.Cuda));
        Assert.Contains("CUDA was requested but is not available", error.Message);
        Assert.Contains(LibTorchLoader.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void A_libtorch_folder_that_does_not_exist_is_named_in_the_error()
    {
        var error = Assert.Throws<DeviceUnavailableException>(() => TorchDevices.Select(DeviceChoice.Cpu, "/nonexistent/torch/lib"));
        Assert.Contains("'/nonexistent/torch/lib'", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_folder_without_libtorch_says_which_libraries_are_missing()
    {
        var folder = Directory.CreateTempSubdirectory("studybot-libtorch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "libc10.so"), "not really");
            var error = Assert.Throws<DeviceUnavailableException>(() => LibTorchLoader.EnsureLoaded(folder));
            Assert.Contains("has no libtorch_cpu.so, libtorch.so", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_environment_variable_is_used_when_nothing_is_configured_and_a_configured_folder_beats_it()
    {
        var environment = new Dictionary<string, string?> { [LibTorchLoader.EnvironmentVariable] = "/opt/torch/lib" };
        string? Read(string name) => environment.GetValueOrDefault(name);

        Assert.Equal("/opt/torch/lib", LibTorchLoader.ResolveDirectory(null, Read));
        Assert.Equal("/opt/torch/lib", LibTorchLoader.ResolveDirectory("  ", Read));
        Assert.Equal("/configured", LibTorchLoader.ResolveDirectory("/configured", Read));

        environment[LibTorchLoader.EnvironmentVariable] = "";
        Assert.Null(LibTorchLoader.ResolveDirectory(null, Read));
        environment.Clear();
        Assert.Null(LibTorchLoader.ResolveDirectory(null, Read));
    }
}
