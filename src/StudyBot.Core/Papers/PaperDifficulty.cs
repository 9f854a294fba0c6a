namespace StudyBot.Core.Papers;

public enum PaperDifficulty
{
    Beginner,
    Intermediate,
    Advanced,
}
