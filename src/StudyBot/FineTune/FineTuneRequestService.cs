using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Core.Papers;
using StudyBot.Training.Data;
using StudyBot.Training.Training;

namespace StudyBot.FineTune;

/// <summary>
/// What the fine-tune commands do: check a request against the limits, fetch and check its data set before
/// anything is queued, store it, and the member-side operations on stored runs (cancel, approve). Every refusal
/// is a <see cref="CommandInputException"/> with a member-facing message; nothing is stored for a refused request,
/// including one the trainer-side checks (<see cref="FineTuneDataCheck"/>) refuse.
/// The reply to a start becomes the run's message (<see cref="AttachReplyAsync"/>); approvals and cancels edit it.
/// </summary>
public sealed class FineTuneRequestService(
    IFineTuneRunRepository runs,
    IModelCatalog models,
    IPaperCatalog papers,
    IDatasetFetcher fetcher,
    IFineTuneQueueSignal signal,
    FineTuneRunMessageEditor editor,
    IOptions<FineTuneOptions> options,
    TimeProvider time,
    FineTuneMemberLocks? memberLocks = null,
    ILogger<FineTuneRequestService>? logger = null)
{
    /// <summary>Under the runs folder: where a request's data waits while it is checked, before it has a run id.</summary>
    public const string StagingFolderName = ".incoming";

    private static readonly FineTuneRunState[] Waiting = [FineTuneRunState.Queued, FineTuneRunState.Running];
    private readonly FineTuneMemberLocks _memberLocks = memberLocks ?? new FineTuneMemberLocks();

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<FineTuneStartResult> StartAsync(CommandMember member, ulong guildId, ulong channelId, FineTuneStartInput input, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var model = models.Find(input.Model.Trim()) ?? throw new CommandInputException(UnknownModel(input.Model));
        var positions = ModelPositions(model);

        var source = DatasetSource(input);
        var settings = new FineTuneRunSettings(
            model.Name,
            source,
            input.Rank ?? FineTuneRunSettings.DefaultRank,
            input.Alpha ?? FineTuneRunSettings.DefaultAlpha,
            FineTuneSettingsValidator.ParseTargets(input.Targets),
            input.Steps ?? Math.Min(FineTuneRunSettings.DefaultSteps, limits.MaxSteps),
            input.LearningRate ?? FineTuneRunSettings.DefaultLearningRate,
            input.SequenceLength ?? Math.Min(Math.Min(FineTuneRunSettings.DefaultSequenceLength, limits.MaxSeqLen), positions),
            input.Seed ?? FineTuneRunSettings.DefaultSeed,
            string.IsNullOrWhiteSpace(input.Prompt) ? null : input.Prompt.Trim());
        ThrowIfAny(FineTuneSettingsValidator.Validate(settings, limits));
        if (settings.SequenceLength > positions)
        {
            throw new CommandInputException($"`seq_len` {settings.SequenceLength} is longer than `{model.Name}` can read (n_positions {positions}); use {positions} or less.");
        }

        // From the quota check to the insert, one request per member at a time: two quick starts cannot both pass it.
        // The GPU queue is shared by every server, so the member's limits count their runs in all of them.
        using var turn = await _memberLocks.EnterAsync(member.UserId, cancellationToken);
        var now = time.GetUtcNow();
        var quota = FineTuneQuota.Check(await runs.ListForUserAsync(member.UserId, now - FineTuneQuota.Window, cancellationToken), now, limits);
        if (quota is not null)
        {
            throw new CommandInputException(quota);
        }

        // The data is fetched and checked before anything is stored: a bad data set never reaches the queue, and a
        // refused request is not stored at all (so it does not count toward the member's limits).
        var (fileName, content) = await LoadDatasetAsync(source, input.Attachment, limits, cancellationToken);
        try
        {
            DatasetInspector.Inspect(content, fileName, limits.MaxDatasetBytes);
        }
        catch (DatasetException e)
        {
            throw new CommandInputException(e.Message, e);
        }

        settings = settings with { Dataset = source with { SizeBytes = content.Length } };
        var staging = new FineTuneRunFolder(Path.Combine(Path.GetFullPath(limits.RunsDirectory), StagingFolderName, Guid.NewGuid().ToString("N")));
        try
        {
            FineTuneDataFit fit;
            try
            {
                Directory.CreateDirectory(staging.Directory);
                await File.WriteAllBytesAsync(staging.Dataset(source), content, cancellationToken);

                // The trainer's own checks, on the data as the trainer will read it, so nothing it would refuse waits
                // in the queue first.
                var trainer = TrainerSettingsWriter.ToTrainerSettings(settings, model, staging, limits);
                var problems = trainer.Validate();
                if (problems.Count > 0)
                {
                    throw new CommandInputException("The trainer would refuse these settings, so the run was not queued: " + string.Join(" ", problems));
                }

                // Tokenizing up to the upload limit takes a while: off the interaction handler's thread.
                var dataName = DataName(source);
                fit = await Task.Run(() => FineTuneDataCheck.Check(trainer, dataName, positions), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CommandInputException("The data could not be saved on the host; the run was not queued. Please tell an admin.", e);
            }

            settings = settings with { BatchSize = fit.BatchSize };
            var hash = FineTuneDatasetHash.Compute(content);
            var requester = new FineTuneRequester(member.UserId, member.DisplayName);
            var run = await runs.AddAsync(id => FineTuneRun.Request(id, guildId, channelId, requester, settings, hash, now), cancellationToken);
            try
            {
                var folder = FineTuneRunFolder.For(limits.RunsDirectory, run.Id);
                Directory.CreateDirectory(folder.Directory);
                File.Move(staging.Dataset(source), folder.Dataset(source), overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await runs.UpdateAsync(run.Id, r => r.Cancel(null, time.GetUtcNow()), CancellationToken.None);
                throw new CommandInputException("The data could not be saved on the host; the run was not queued. Please tell an admin.", e);
            }

            editor.ExpectReply(run.Id);
            run = await runs.UpdateAsync(run.Id, r => r.Submit(limits.RequireApproval, time.GetUtcNow()), cancellationToken);
            signal.QueueChanged();
            return new FineTuneStartResult(run, await PositionAsync(run, cancellationToken), fit.Note);
        }
        finally
        {
            DeleteStaging(staging);
        }
    }

    /// <summary>Makes the sent reply to <c>/finetune start</c> the run's message, so position changes, approval,
    /// cancel, progress and the final state all edit it. Null: the reply could not be sent.</summary>
    public Task AttachReplyAsync(string runId, CommandReply? reply, CancellationToken cancellationToken) =>
        editor.AttachReplyAsync(runId, reply is null ? null : new FineTuneMessageRef(reply.ChannelId, reply.MessageId, reply.Token, reply.CreatedAt), cancellationToken);

    /// <summary>Cancels a run (own runs; admins any). A running run is asked to stop; the worker confirms and
    /// updates its message. The message of a run that was waiting shows it is cancelled at once, unless it is
    /// <paramref name="updatedByCaller"/> (the message whose Cancel button was pressed, which the answer updates).</summary>
    public async Task<FineTuneRun> CancelAsync(CommandMember member, ulong guildId, string runId, ulong? updatedByCaller, CancellationToken cancellationToken)
    {
        var run = await FindAsync(guildId, runId, cancellationToken);
        if (run.Requester.UserId != member.UserId && !member.IsAdmin)
        {
            throw new CommandPermissionException($"Run **{run.Id}** belongs to {run.Requester.DisplayName}; only they or an admin can cancel it.");
        }

        try
        {
            // Decided on the stored state inside the update, not on the copy read above: the worker may start a
            // queued run in between, and a running run cancelled outright would keep training unwatched while the
            // queue, seeing nothing running, started the next one beside it.
            run = await runs.UpdateAsync(run.Id, r => r.State == FineTuneRunState.Running
                ? r.RequestCancel(member.UserId, time.GetUtcNow())
                : r.Cancel(member.UserId, time.GetUtcNow()), cancellationToken);
            if (run.State != FineTuneRunState.Running)
            {
                signal.QueueChanged();
            }
            else if (!signal.CancelRunning(run.Id))
            {
                // The worker registers a run before it starts it, so no registration means no trainer of this
                // process holds it (a stale record): cancel it outright.
                run = await runs.UpdateAsync(run.Id, r => r.Cancel(member.UserId, time.GetUtcNow()), cancellationToken);
            }
        }
        catch (FineTuneTransitionException)
        {
            throw new CommandInputException($"Run **{run.Id}** has already finished; there is nothing to cancel.");
        }

        if (run.State == FineTuneRunState.Cancelled)
        {
            // Cancelled here, not by the worker (a run waiting in the queue, perhaps to resume): its checkpoints go.
            FineTuneRunFolderCleanup.AfterFinish(run, FineTuneRunFolder.For(options.Value.RunsDirectory, run.Id), resumable: false, (ILogger?)logger ?? NullLogger.Instance);
        }

        if (run.State == FineTuneRunState.Cancelled && (run.Message?.MessageId is null || run.Message.MessageId != updatedByCaller))
        {
            run = await editor.ShowAsync(run, FineTuneMessages.Finished(run), postIfMissing: false, cancellationToken);
        }

        return run;
    }

    public async Task<FineTuneRun> ApproveAsync(CommandMember member, ulong guildId, string runId, CancellationToken cancellationToken)
    {
        if (!member.IsAdmin)
        {
            throw new CommandPermissionException("Only admins can approve fine-tune runs.");
        }

        var run = await FindAsync(guildId, runId, cancellationToken);
        try
        {
            run = await runs.UpdateAsync(run.Id, r => r.Approve(member.UserId, time.GetUtcNow()), cancellationToken);
        }
        catch (FineTuneTransitionException)
        {
            throw new CommandInputException($"Run **{run.Id}** is not waiting for approval (it is {run.State.ToString().ToLowerInvariant()}).");
        }

        signal.QueueChanged();
        return await editor.ShowAsync(run, FineTuneMessages.Waiting(run, await PositionAsync(run, cancellationToken)), postIfMissing: false, cancellationToken);
    }

    /// <summary>A run of this server by id, or a member-facing error.</summary>
    public async Task<FineTuneRun> FindAsync(ulong guildId, string runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        return run is not null && run.GuildId == guildId
            ? run
            : throw new CommandInputException($"There is no run `{runId.Trim()}` in this server. `/finetune list` shows the runs.");
    }

    /// <summary>The queue position of a queued run (1 = next), else null.</summary>
    public async Task<int?> PositionAsync(FineTuneRun run, CancellationToken cancellationToken)
    {
        if (run.State != FineTuneRunState.Queued)
        {
            return null;
        }

        var active = await runs.ListByStateAsync(Waiting, cancellationToken);
        var positions = FineTuneQueuePolicy.Positions(active.Where(r => r.State == FineTuneRunState.Queued), active.Where(r => r.State == FineTuneRunState.Running));
        return positions.TryGetValue(run.Id, out var position) ? position : null;
    }

    private FineTuneDatasetSource DatasetSource(FineTuneStartInput input)
    {
        var given = new object?[] { input.Attachment, input.PaperSlug, input.SampleName }.Count(x => x is not null);
        if (given > 1)
        {
            throw new CommandInputException("Give one data set: an attached file, a paper, or a built-in sample — not several.");
        }

        if (input.Attachment is { } file)
        {
            if (!file.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                throw new CommandInputException($"`{file.FileName}` is not a `.txt` or `.jsonl` file.");
            }

            return new FineTuneDatasetSource(FineTuneDatasetKind.Attachment, file.FileName, file.Url, file.Size);
        }

        if (input.PaperSlug is { } slug)
        {
            var paper = papers.Find(slug.Trim()) ?? throw new CommandInputException($"No paper in the library matches `{slug}`. Try `/paper search`.");
            return new FineTuneDatasetSource(FineTuneDatasetKind.Paper, paper.Slug, null, 0);
        }

        var sample = input.SampleName ?? BuiltInDatasets.PaperClub;
        if (!BuiltInDatasets.Names.Contains(sample, StringComparer.Ordinal))
        {
            throw new CommandInputException($"There is no built-in sample `{sample}`; choose {string.Join(" or ", BuiltInDatasets.Names.Select(n => $"`{n}`"))}.");
        }

        return new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, sample, null, 0);
    }

    private async Task<(string FileName, byte[] Content)> LoadDatasetAsync(FineTuneDatasetSource source, CommandAttachment? attachment, FineTuneOptions limits, CancellationToken cancellationToken)
    {
        switch (source.Kind)
        {
            case FineTuneDatasetKind.Attachment:
                if (attachment!.Size > limits.MaxDatasetBytes)
                {
                    throw new CommandInputException($"`{attachment.FileName}` is {FineTuneSettingsValidator.FormatBytes(attachment.Size)}; the limit is {FineTuneSettingsValidator.FormatBytes(limits.MaxDatasetBytes)}.");
                }

                if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url))
                {
                    throw new CommandInputException("The attachment has no usable address; try attaching it again.");
                }

                try
                {
                    return (attachment.FileName, await fetcher.DownloadAsync(url, limits.MaxDatasetBytes, cancellationToken));
                }
                catch (FineTuneDatasetException e)
                {
                    throw new CommandInputException(e.Message, e);
                }

            case FineTuneDatasetKind.Paper:
                var note = papers.Find(source.Name)!;
                return ("paper.txt", System.Text.Encoding.UTF8.GetBytes(note.Body));
            default:
                return (BuiltInDatasets.FileName(source.Name), System.Text.Encoding.UTF8.GetBytes(BuiltInDatasets.Content(source.Name)));
        }
    }

    private static string DataName(FineTuneDatasetSource source) => source.Kind switch
    {
        FineTuneDatasetKind.Attachment => $"`{source.Name}`",
        FineTuneDatasetKind.Paper => $"The paper `{source.Name}`",
        _ => $"The sample `{source.Name}`",
    };

    private static void DeleteStaging(FineTuneRunFolder staging)
    {
        try
        {
            if (Directory.Exists(staging.Directory))
            {
                Directory.Delete(staging.Directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up's clean-up; it holds only a copy of the data.
        }
    }

    /// <summary>How many tokens the model reads (n_positions), or a member-facing error when its config cannot be used.</summary>
    private static int ModelPositions(FineTuneModelInfo model) =>
        ModelFolderFacts.TryRead(model.Directory, out var problem)?.NPositions
        ?? throw new CommandInputException($"The model `{model.Name}` cannot be trained: {problem} An admin should check the models folder.");

    private string UnknownModel(string name)
    {
        var available = models.List().Select(m => $"`{m.Name}`").ToList();
        return available.Count == 0
            ? $"There is no model `{name}`, and the models folder on the host is empty. An admin can add one (e.g. `studybot make-tiny-model`)."
            : $"There is no model `{name}`. Available: {string.Join(", ", available)}.";
    }

    private static void ThrowIfAny(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new CommandInputException(string.Join("\n", errors));
        }
    }
}
