namespace StudyBot.Training.Tokenization;

/// <summary>Text cannot be expressed in a tokenizer's vocabulary, or ids are outside it.</summary>
public sealed class TokenizationException : Exception
{
    public TokenizationException()
    {
    }

    public TokenizationException(string message)
        : base(message)
    {
    }

    public TokenizationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
