namespace StudyBot.Core.FineTune;

/// <summary>Generates text with a trained adapter (the "Sample again" button), outside the bot's process.</summary>
public interface IAdapterSampler
{
    /// <summary>The generated continuation (without the prompt) and where it was generated. Throws <see cref="InvalidOperationException"/> with a
    /// member-facing reason (to follow "Sampling failed: ") when the run folder, model or adapter cannot be used, the
    /// sampler crashes or runs out of time.</summary>
    Task<AdapterSample> SampleAsync(AdapterSampleRequest request, CancellationToken cancellationToken);
}
