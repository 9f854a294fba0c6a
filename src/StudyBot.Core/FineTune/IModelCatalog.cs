namespace StudyBot.Core.FineTune;

/// <summary>The base models available for fine-tuning.</summary>
public interface IModelCatalog
{
    /// <summary>Every usable model folder, by name.</summary>
    IReadOnlyList<FineTuneModelInfo> List();

    /// <summary>The model with this folder name (case-sensitive, as on disk); null when there is none.</summary>
    FineTuneModelInfo? Find(string name);
}
