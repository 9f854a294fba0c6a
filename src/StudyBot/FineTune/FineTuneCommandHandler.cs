using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.Core.Papers;

namespace StudyBot.FineTune;

/// <summary>/finetune: parse, call <see cref="FineTuneRequestService"/>, render.</summary>
public sealed class FineTuneCommandHandler(
    FineTuneRequestService service,
    IFineTuneRunRepository runs,
    IModelCatalog models,
    IPaperCatalog papers) : ICommandHandler
{
    private const int RecentRuns = 5;
    private static readonly FineTuneRunState[] Active = [FineTuneRunState.AwaitingApproval, FineTuneRunState.Queued, FineTuneRunState.Running];

    public CommandDeclaration Declaration { get; } = FineTuneCommandDeclaration.Create();

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var guild = request.RequireGuild();
        return request.Subcommand switch
        {
            "start" => await StartAsync(request, guild, cancellationToken),
            "status" => await StatusAsync(request, guild, cancellationToken),
            "list" => await ListAsync(guild, cancellationToken),
            "cancel" => Cancelled(await service.CancelAsync(request.Member, guild, request.GetString("run"), updatedByCaller: null, cancellationToken)),
            "result" => await ResultAsync(guild, request.GetString("run"), cancellationToken),
            "approve" => await ApprovedAsync(await service.ApproveAsync(request.Member, guild, request.GetString("run"), cancellationToken), cancellationToken),
            _ => throw new CommandInputException($"`/finetune {request.Subcommand}` is not a fine-tune command."),
        };
    }

    public async Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        var partial = request.PartialValue.Trim();
        switch (request.FocusedOption)
        {
            case "model":
                return models.List()
                    .Where(m => m.Name.Contains(partial, StringComparison.OrdinalIgnoreCase))
                    .Take(CommandResponseLimits.MaxChoices)
                    .Select(m => new CommandChoice($"{m.Name} ({FineTuneSettingsValidator.FormatBytes(m.SizeBytes)})", m.Name))
                    .ToList();
            case "paper":
                var notes = partial.Length == 0 ? papers.All.Take(CommandResponseLimits.MaxChoices) : papers.Search(partial, CommandResponseLimits.MaxChoices);
                return notes.Select(n => new CommandChoice($"{n.Title} ({n.Year})", n.Slug)).ToList();
            case "run" when request.GuildId is { } guild:
                var recent = await runs.ListRecentAsync(guild, 50, cancellationToken);
                return recent
                    .Where(r => r.Id.StartsWith(partial, StringComparison.OrdinalIgnoreCase) || r.Requester.DisplayName.Contains(partial, StringComparison.OrdinalIgnoreCase))
                    .Take(CommandResponseLimits.MaxChoices)
                    .Select(r => new CommandChoice($"{r.Id} · {r.Requester.DisplayName} · {r.Settings.BaseModel} · {r.State.ToString().ToLowerInvariant()}", r.Id))
                    .ToList();
            default:
                return [];
        }
    }

    private async Task<CommandResponse> StartAsync(CommandRequest request, ulong guild, CancellationToken cancellationToken)
    {
        var input = new FineTuneStartInput(
            request.GetString("model"),
            request.GetOptionalAttachment("dataset_file"),
            request.GetOptionalString("paper"),
            request.GetOptionalString("sample"),
            ToInt(request.GetOptionalInt64("rank"), "rank"),
            request.GetOptionalDouble("alpha"),
            request.GetOptionalString("targets"),
            ToInt(request.GetOptionalInt64("steps"), "steps"),
            request.GetOptionalDouble("lr"),
            ToInt(request.GetOptionalInt64("seq_len"), "seq_len"),
            ToInt(request.GetOptionalInt64("seed"), "seed"),
            request.GetOptionalString("prompt"));
        var (run, position, note) = await service.StartAsync(request.Member, guild, request.ChannelId, input, cancellationToken);
        var waiting = FineTuneMessages.Waiting(run, position);
        return waiting with
        {
            Content = note is null ? waiting.Content : $"{waiting.Content}\nℹ️ {note}",
            OnSent = (reply, ct) => service.AttachReplyAsync(run.Id, reply, ct),
        };
    }

    private async Task<CommandResponse> StatusAsync(CommandRequest request, ulong guild, CancellationToken cancellationToken)
    {
        FineTuneRun run;
        if (request.GetOptionalString("run") is { } id)
        {
            run = await service.FindAsync(guild, id, cancellationToken);
        }
        else
        {
            var mine = await runs.ListForMemberAsync(guild, request.Member.UserId, DateTimeOffset.MinValue, cancellationToken);
            run = mine.Count > 0 ? mine[^1] : throw new CommandInputException("You have no fine-tune runs yet. Start one with `/finetune start`.");
        }

        var view = run.State switch
        {
            FineTuneRunState.Running => FineTuneMessages.Progress(run),
            FineTuneRunState.Queued or FineTuneRunState.AwaitingApproval or FineTuneRunState.Requested => FineTuneMessages.Waiting(run, await service.PositionAsync(run, cancellationToken)),
            _ => FineTuneMessages.Finished(run),
        };
        return view with { Ephemeral = true, Components = [] };
    }

    private async Task<CommandResponse> ListAsync(ulong guild, CancellationToken cancellationToken)
    {
        // The GPU queue is shared by every server: positions count all of it, the rows show this server's runs.
        var everywhere = await runs.ListByStateAsync(Active, cancellationToken);
        var allRunning = everywhere.Where(r => r.State == FineTuneRunState.Running).ToList();
        var running = allRunning.Where(r => r.GuildId == guild).ToList();
        var queued = FineTuneQueuePolicy.Order(everywhere, allRunning)
            .Select((run, index) => (run, position: index + 1))
            .Where(x => x.run.GuildId == guild)
            .ToList();
        var awaiting = everywhere.Where(r => r.GuildId == guild && r.State == FineTuneRunState.AwaitingApproval).ToList();
        var elsewhere = allRunning.Count - running.Count;
        var recent = (await runs.ListRecentAsync(guild, 20, cancellationToken)).Where(r => r.IsFinal).Take(RecentRuns).ToList();

        var fields = new List<EmbedField>
        {
            new("Running", Lines(running.Select(r => FineTuneMessages.Line(r))
                .Concat(elsewhere > 0 ? [$"{elsewhere} run{(elsewhere == 1 ? "" : "s")} of another server"] : []))),
            new("Queue", Lines(queued.Select(x => FineTuneMessages.Line(x.run, x.position)))),
        };
        if (awaiting.Count > 0)
        {
            fields.Add(new EmbedField("Waiting for approval", Lines(awaiting.Select(r => FineTuneMessages.Line(r)))));
        }

        fields.Add(new EmbedField("Recent", Lines(recent.Select(r => FineTuneMessages.Line(r)))));
        return new CommandResponse { Embeds = [new ResponseEmbed(Title: "Fine-tune runs", Fields: fields, Color: 0x3B82F6)], Ephemeral = true };
    }

    private async Task<CommandResponse> ResultAsync(ulong guild, string runId, CancellationToken cancellationToken)
    {
        var run = await service.FindAsync(guild, runId, cancellationToken);
        if (run.State != FineTuneRunState.Succeeded || run.Result is null)
        {
            return FineTuneMessages.Finished(run) with { Ephemeral = true, Components = [] };
        }

        return FineTuneMessages.Result(run, FineTuneResultFiles.Read(run.Result, service.MaxUploadBytes));
    }

    private async Task<CommandResponse> ApprovedAsync(FineTuneRun run, CancellationToken cancellationToken) =>
        FineTuneMessages.Waiting(run, await service.PositionAsync(run, cancellationToken)) with
        {
            Content = $"✅ Approved run **{run.Id}** for {run.Requester.DisplayName}; it is queued at position {await service.PositionAsync(run, cancellationToken)}.",
        };

    private static CommandResponse Cancelled(FineTuneRun run) => CommandResponse.Text(
        run.State == FineTuneRunState.Cancelled
            ? $"🛑 Run **{run.Id}** is cancelled."
            : $"🛑 Stopping run **{run.Id}**; it will show as cancelled in a few seconds.");

    private static int? ToInt(long? value, string name) => value switch
    {
        null => null,
        > int.MaxValue or < int.MinValue => throw new CommandInputException($"`{name}` is far too large."),
        _ => (int)value,
    };

    private static string Lines(IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        return text.Length == 0 ? "–" : text.Length > 1024 ? text[..1023] + "…" : text;
    }
}
