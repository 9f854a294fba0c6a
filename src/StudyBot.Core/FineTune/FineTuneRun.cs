using System.Text.Json.Serialization;

namespace StudyBot.Core.FineTune;

/// <summary>
/// One fine-tune run and its history. Immutable: every state change is a method that checks the current state and
/// returns the changed copy, so storage can apply it atomically and an illegal change throws
/// <see cref="FineTuneTransitionException"/> before anything is written.
/// </summary>
public sealed record FineTuneRun
{
    /// <summary>How many trailing lines of the trainer's error output a failed run keeps.</summary>
    public const int ErrorTailLines = 30;

    [JsonConstructor]
    private FineTuneRun()
    {
    }

    [JsonInclude] public string Id { get; private set; } = string.Empty;

    [JsonInclude] public ulong GuildId { get; private set; }

    [JsonInclude] public ulong ChannelId { get; private set; }

    [JsonInclude] public FineTuneRequester Requester { get; private set; } = new(0, string.Empty);

    [JsonInclude] public FineTuneRunSettings Settings { get; private set; } = null!;

    /// <summary>SHA-256 of the training data, lower-case hex.</summary>
    [JsonInclude] public string DatasetSha256 { get; private set; } = string.Empty;

    [JsonInclude] public FineTuneRunState State { get; private set; }

    [JsonInclude] public DateTimeOffset RequestedAt { get; private set; }

    [JsonInclude] public DateTimeOffset? QueuedAt { get; private set; }

    [JsonInclude] public ulong? ApprovedBy { get; private set; }

    [JsonInclude] public DateTimeOffset? StartedAt { get; private set; }

    [JsonInclude] public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Set when someone asked to cancel a running run; the worker then stops the trainer.</summary>
    [JsonInclude] public DateTimeOffset? CancelRequestedAt { get; private set; }

    [JsonInclude] public ulong? CancelledBy { get; private set; }

    [JsonInclude] public FineTuneProgress? Progress { get; private set; }

    /// <summary>The device and libtorch the trainer actually used, as it reported them (<see cref="TrainingDeviceLine"/>);
    /// null until it has.</summary>
    [JsonInclude] public string? TrainingDevice { get; private set; }

    /// <summary>Where the run's message is: channel, message id and when it was sent, never an interaction token.</summary>
    [JsonInclude] public FineTuneMessageRef? Message { get; private set; }

    /// <summary>The run message was deleted (or can no longer be edited): stop editing it.</summary>
    [JsonInclude] public bool MessageGone { get; private set; }

    [JsonInclude] public FineTuneResult? Result { get; private set; }

    /// <summary>Why the run failed, for the member.</summary>
    [JsonInclude] public string? Error { get; private set; }

    /// <summary>The last lines of the trainer's error output when it failed.</summary>
    [JsonInclude] public IReadOnlyList<string> ErrorTail { get; private set; } = [];

    /// <summary>How many times the run went back to the queue after the bot stopped while it was running.</summary>
    [JsonInclude] public int ResumeCount { get; private set; }

    /// <summary>The run was interrupted and should continue from its last checkpoint (false: start over).</summary>
    [JsonInclude] public bool ResumeFromCheckpoint { get; private set; }

    /// <summary>Time the run trained in earlier attempts whose work it continues (up to each one's last progress
    /// report); a run that starts over starts this over too. Part of the duration its result reports.</summary>
    [JsonInclude] public TimeSpan EarlierAttemptsTime { get; private set; }

    /// <summary>How many times the run has been started.</summary>
    [JsonInclude] public int Attempts { get; private set; }

    /// <summary>How many times the bot died (stopped without stopping its trainer first) while the run was training.
    /// A run that keeps taking the bot down is not resumed forever (<see cref="FineTuneOptions.MaxResumeAttempts"/>).</summary>
    [JsonInclude] public int UnexpectedStops { get; private set; }

    /// <summary>The current attempt's trainer was stopped because the bot was shutting down in an orderly way (it saved
    /// a checkpoint); such a stop is not the run's doing and does not count as an <see cref="UnexpectedStops"/>.</summary>
    [JsonInclude] public bool StoppedForShutdown { get; private set; }

    public bool IsFinal => State.IsFinal();

    /// <summary>The run was interrupted and waits to continue; such runs go ahead of the rest of the queue.</summary>
    public bool Interrupted => State == FineTuneRunState.Queued && ResumeCount > 0 && Attempts > 0;

    public static FineTuneRun Request(
        string id,
        ulong guildId,
        ulong channelId,
        FineTuneRequester requester,
        FineTuneRunSettings settings,
        string datasetSha256,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetSha256);
        return new FineTuneRun
        {
            Id = id,
            GuildId = guildId,
            ChannelId = channelId,
            Requester = requester,
            Settings = settings,
            DatasetSha256 = datasetSha256,
            State = FineTuneRunState.Requested,
            RequestedAt = now,
        };
    }

    /// <summary>Requested → queued, or → awaiting approval when an admin must approve each run.</summary>
    public FineTuneRun Submit(bool requireApproval, DateTimeOffset now)
    {
        Require(FineTuneRunState.Requested, "submitted");
        return requireApproval
            ? this with { State = FineTuneRunState.AwaitingApproval }
            : this with { State = FineTuneRunState.Queued, QueuedAt = now };
    }

    public FineTuneRun Approve(ulong adminId, DateTimeOffset now)
    {
        Require(FineTuneRunState.AwaitingApproval, "approved");
        return this with { State = FineTuneRunState.Queued, QueuedAt = now, ApprovedBy = adminId };
    }

    /// <summary>Queued → running: the worker took a slot for it.</summary>
    public FineTuneRun Start(DateTimeOffset now)
    {
        Require(FineTuneRunState.Queued, "started");
        return this with
        {
            State = FineTuneRunState.Running,
            StartedAt = now,
            Attempts = Attempts + 1,
            CancelRequestedAt = null,
            StoppedForShutdown = false,
        };
    }

    /// <summary>Records that the bot stopped this running run's trainer because it was shutting down.</summary>
    public FineTuneRun MarkStoppedForShutdown()
    {
        Require(FineTuneRunState.Running, "marked stopped for a shutdown");
        return this with { StoppedForShutdown = true };
    }

    public FineTuneRun ReportProgress(FineTuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Require(FineTuneRunState.Running, "given progress");
        return this with { Progress = progress };
    }

    /// <summary>Records the device the trainer reported (again after a resume, which may land elsewhere).</summary>
    public FineTuneRun RecordDevice(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Require(FineTuneRunState.Running, "given its device");
        return this with { TrainingDevice = device };
    }

    /// <summary>Records where the run's message is (or where it moved, e.g. once its id became known). An interaction
    /// token is dropped: runs are stored, and the token must not be (the message editor keeps it in memory).</summary>
    public FineTuneRun AttachMessage(FineTuneMessageRef message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return this with { Message = message.WithoutToken(), MessageGone = false };
    }

    /// <summary>The run's message was deleted or can no longer be edited.</summary>
    public FineTuneRun MarkMessageGone() => this with { MessageGone = true };

    public FineTuneRun Succeed(FineTuneResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        Require(FineTuneRunState.Running, "marked succeeded");
        return this with { State = FineTuneRunState.Succeeded, Result = result, FinishedAt = now };
    }

    /// <summary>Running (or queued, when preparing its folder failed, or requested, when the bot stopped while storing
    /// the request) → failed, with the trainer's last error lines.</summary>
    public FineTuneRun Fail(string error, IReadOnlyList<string> errorTail, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        ArgumentNullException.ThrowIfNull(errorTail);
        if (State is not (FineTuneRunState.Running or FineTuneRunState.Queued or FineTuneRunState.Requested))
        {
            throw new FineTuneTransitionException(Id, State, "marked failed");
        }

        return this with
        {
            State = FineTuneRunState.Failed,
            Error = error,
            ErrorTail = errorTail.TakeLast(ErrorTailLines).ToList(),
            FinishedAt = now,
        };
    }

    /// <summary>Asks a running run to stop; the worker kills the trainer and then calls <see cref="Cancel"/>.</summary>
    public FineTuneRun RequestCancel(ulong byUserId, DateTimeOffset now)
    {
        Require(FineTuneRunState.Running, "asked to stop");
        return CancelRequestedAt is null ? this with { CancelRequestedAt = now, CancelledBy = byUserId } : this;
    }

    /// <summary>Any run that has not finished → cancelled.</summary>
    public FineTuneRun Cancel(ulong? byUserId, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new FineTuneTransitionException(Id, State, "cancelled");
        }

        return this with { State = FineTuneRunState.Cancelled, CancelledBy = byUserId ?? CancelledBy, FinishedAt = now };
    }

    /// <summary>
    /// Running → queued after the bot stopped during the run. With <paramref name="resume"/> the trainer continues
    /// from its last checkpoint; otherwise the run starts over.
    /// </summary>
    public FineTuneRun Interrupt(bool resume, DateTimeOffset now)
    {
        Require(FineTuneRunState.Running, "put back in the queue");
        return this with
        {
            State = FineTuneRunState.Queued,
            ResumeCount = ResumeCount + 1,
            UnexpectedStops = StoppedForShutdown ? UnexpectedStops : UnexpectedStops + 1,
            ResumeFromCheckpoint = resume,
            EarlierAttemptsTime = resume ? EarlierAttemptsTime + AttemptTimeSoFar() : TimeSpan.Zero,
            QueuedAt = QueuedAt ?? now,
            Progress = resume ? Progress : null,
        };
    }

    /// <summary>How long the current attempt trained, as far as its last progress report shows.</summary>
    private TimeSpan AttemptTimeSoFar() =>
        StartedAt is { } started && Progress is { } progress && progress.ReportedAt > started ? progress.ReportedAt - started : TimeSpan.Zero;

    private void Require(FineTuneRunState expected, string action)
    {
        if (State != expected)
        {
            throw new FineTuneTransitionException(Id, State, action);
        }
    }
}
