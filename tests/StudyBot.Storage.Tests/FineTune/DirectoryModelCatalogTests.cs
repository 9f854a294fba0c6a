using StudyBot.Storage.FineTune;

namespace StudyBot.Storage.Tests.FineTune;

public sealed class DirectoryModelCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "studybot-models-" + Guid.NewGuid().ToString("N"));

    public DirectoryModelCatalogTests()
    {
        MakeModel("tiny", withWeights: true);
        MakeModel("gpt2", withWeights: true);
        MakeModel("half-copied", withWeights: false);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Only_folders_with_config_and_weights_are_models()
    {
        var catalog = new DirectoryModelCatalog(_root);

        Assert.Equal(["gpt2", "tiny"], catalog.List().Select(m => m.Name));
        Assert.Equal(3, catalog.Find("tiny")!.SizeBytes);
        Assert.Null(catalog.Find("half-copied"));
    }

    [Fact]
    public void Names_that_leave_the_models_folder_are_not_found()
    {
        var catalog = new DirectoryModelCatalog(Path.Combine(_root, "tiny"));

        Assert.Null(catalog.Find(".."));
        Assert.Null(catalog.Find("../gpt2"));
    }

    [Fact]
    public void A_missing_models_folder_lists_nothing()
    {
        Assert.Empty(new DirectoryModelCatalog(Path.Combine(_root, "nope")).List());
    }

    private void MakeModel(string name, bool withWeights)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), "{}");
        if (withWeights)
        {
            File.WriteAllBytes(Path.Combine(directory, "model.safetensors"), [1, 2, 3]);
        }
    }
}
