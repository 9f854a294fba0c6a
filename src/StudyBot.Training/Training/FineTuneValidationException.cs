namespace StudyBot.Training.Training;

/// <summary>A run cannot start; <see cref="Problems"/> lists every reason, the message reads them as one.</summary>
public sealed class FineTuneValidationException : Exception
{
    public FineTuneValidationException()
        : this([])
    {
    }

    public FineTuneValidationException(string message)
        : this([message])
    {
    }

    public FineTuneValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public FineTuneValidationException(IReadOnlyList<string> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Compose(IReadOnlyList<string> problems) => problems.Count switch
    {
        0 => "The fine-tune settings are invalid.",
        1 => $"Cannot start fine-tuning: {problems[0]}",
        _ => $"Cannot start fine-tuning ({problems.Count} problems): " +
             string.Join(" ", problems.Select((p, i) => $"{i + 1}) {p}")),
    };
}
