using StudyBot.Training.Devices;

namespace StudyBot.Training.Tests.Devices;

public sealed class NvmlIndexTests
{
    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(1, "", 1)]
    [InlineData(0, "3", 3)]
    [InlineData(0, " 2 , 5", 2)]
    [InlineData(1, "2,5", 5)]
    [InlineData(2, "2,5", 2)]
    [InlineData(0, "GPU-8f2a6b1c-0000-0000-0000-000000000000", 0)]
    public void Cuda_ordinals_map_to_the_physical_gpu_nvml_counts(int cudaIndex, string? visibleDevices, int expected) =>
        Assert.Equal(expected, NvmlProbe.NvmlIndex(cudaIndex, visibleDevices));
}
