namespace StudyBot.Core.FineTune;

/// <summary>A data set that cannot be used; the message is shown to the member.</summary>
public sealed class FineTuneDatasetException : Exception
{
    public FineTuneDatasetException()
    {
    }

    public FineTuneDatasetException(string message)
        : base(message)
    {
    }

    public FineTuneDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
