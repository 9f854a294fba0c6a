using StudyBot.Training.Models;
using StudyBot.Training.Tests.Fixtures;

namespace StudyBot.Training.Tests.Training;

/// <summary>config.json is written like the run folder's other files: whole, through a uniquely named temp file.</summary>
public sealed class ConfigFileWriteTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Gpt2_config_json_is_replaced_whole_and_leaves_no_temp_behind()
    {
        var path = folder.File("config.json");
        File.WriteAllText(path, "{ half a file");
        var config = new Gpt2Config(VocabSize: 257, NPositions: 64, NEmbd: 32, NLayer: 2, NHead: 4);

        Gpt2ConfigJson.Write(path, config, bosTokenId: 256, eosTokenId: 256);

        Assert.Equal(config, Gpt2ConfigJson.Read(path));
        Assert.Equal(["config.json"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
