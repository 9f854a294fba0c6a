namespace StudyBot.Core.FineTune;

/// <summary>Generates text with a trained adapter (the "Sample again" button). Implemented over the Training library.</summary>
public interface IAdapterSampler
{
    /// <summary>The generated continuation (without the prompt). Throws <see cref="InvalidOperationException"/> with a
    /// member-facing message when the model or adapter cannot be loaded.</summary>
    Task<string> SampleAsync(AdapterSampleRequest request, CancellationToken cancellationToken);
}
