using System.ComponentModel.DataAnnotations;

namespace StudyBot.Core.FineTune;

/// <summary>Configuration section <c>FineTune</c>: where models and runs live, server limits and queue policy.
/// Validated at start (<see cref="Validate"/>).</summary>
public sealed class FineTuneOptions
{
    public const string SectionName = "FineTune";

    /// <summary>Folder of base models, one Hugging Face folder (config.json + model.safetensors) per model.</summary>
    [Required]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Folder that receives one sub-folder per run.</summary>
    [Required]
    public string RunsDirectory { get; set; } = "runs";

    /// <summary>auto, cpu, cuda or cuda:N (passed to the trainer; cuda:N as CUDA_VISIBLE_DEVICES=N).</summary>
    [Required]
    public string Device { get; set; } = "auto";

    /// <summary>A PyTorch <c>torch/lib</c> folder to load libtorch from; passed to the trainer as STUDYBOT_LIBTORCH_DIR.</summary>
    public string? LibTorchDir { get; set; }

    [Range(1, 1_000_000)]
    public int MaxSteps { get; set; } = 2000;

    [Range(8, 65_536)]
    public int MaxSeqLen { get; set; } = 1024;

    [Range(1, 1024)]
    public int MaxRank { get; set; } = 64;

    [Range(1, long.MaxValue)]
    public long MaxDatasetBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest file the bot attaches to a message (Discord's default limit is 10 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Runs a member may have requested, awaiting approval, queued or running at once.</summary>
    [Range(1, 1000)]
    public int MaxActiveRunsPerMember { get; set; } = 2;

    /// <summary>Runs a member may request in any rolling 24 hours.</summary>
    [Range(1, 10_000)]
    public int MaxRunsPerMemberPerDay { get; set; } = 10;

    /// <summary>Runs trained at the same time. More than one only with <see cref="Device"/> cpu: every GPU run
    /// uses the one configured device, and two runs on one GPU would fight over its memory.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 1;

    /// <summary>An admin approves each run before it is queued.</summary>
    public bool RequireApproval { get; set; }

    public FineTuneResumeMode ResumeInterrupted { get; set; } = FineTuneResumeMode.Resume;

    /// <summary>How many times a run is put back in the queue after the bot died while it trained; the next time the
    /// run fails instead, since it may be what takes the bot down. Orderly stops of the bot do not count.</summary>
    [Range(0, 100)]
    public int MaxResumeAttempts { get; set; } = 3;

    /// <summary>The run message is edited at most this often.</summary>
    public TimeSpan ProgressEditInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A trainer running longer than this is stopped and its run failed.</summary>
    public TimeSpan TrainerTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A "Sample again" child process running longer than this is stopped.</summary>
    public TimeSpan SampleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the trainer gets to save a checkpoint and exit after being asked to stop (the bot stopping, the
    /// time limit) before its process tree is killed; and how long the worker then waits for the killed process.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The program that trains one run; null runs the bot's own executable as <c>studybot train --run-dir DIR</c>.
    /// Meant for tests and unusual installs.
    /// </summary>
    public string? TrainerCommand { get; set; }

    /// <summary>Arguments for <see cref="TrainerCommand"/>; <c>{runDir}</c> is replaced by the run folder.</summary>
    public IList<string> TrainerArguments { get; set; } = [];

    /// <summary>Every problem with the values, as sentences; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{SectionName}: {r.ErrorMessage}"));
        }

        if (Device is not ("auto" or "cpu" or "cuda") && !IsIndexedCuda(Device))
        {
            errors.Add($"{SectionName}:Device must be auto, cpu, cuda or cuda:N (got '{Device}').");
        }

        if (Concurrency > 1 && Device != "cpu")
        {
            errors.Add($"{SectionName}:Concurrency is {Concurrency} but every run trains on the one device '{Device}', so runs would share one GPU's memory. " +
                       "Set Concurrency to 1 (one run per GPU), or Device to cpu.");
        }

        if (ProgressEditInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{SectionName}:ProgressEditInterval must be at least 1 second (Discord rate limits edits).");
        }

        if (TrainerTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:TrainerTimeout must be positive.");
        }

        if (SampleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:SampleTimeout must be positive.");
        }

        if (KillGracePeriod <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:KillGracePeriod must be positive.");
        }

        if (!string.IsNullOrEmpty(LibTorchDir) && !Directory.Exists(LibTorchDir))
        {
            errors.Add($"{SectionName}:LibTorchDir '{LibTorchDir}' does not exist.");
        }

        if (TrainerArguments.Count > 0 && string.IsNullOrWhiteSpace(TrainerCommand))
        {
            errors.Add($"{SectionName}:TrainerArguments are set but TrainerCommand is not.");
        }

        return errors;
    }

    private static bool IsIndexedCuda(string device) =>
        device.StartsWith("cuda:", StringComparison.Ordinal) && device.Length > 5 && device.Length <= 7 && device[5..].All(char.IsAsciiDigit);
}
