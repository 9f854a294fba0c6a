namespace StudyBot.Core.FineTune;

/// <summary>What happens to a run that was running when the bot stopped.</summary>
public enum FineTuneResumeMode
{
    /// <summary>Continue from the trainer's last checkpoint in the run folder.</summary>
    Resume,

    /// <summary>Start the run over from step 0.</summary>
    Restart,
}
