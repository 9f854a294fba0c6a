using System.Globalization;
using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Core.FineTune;

/// <summary>Renders runs as channel messages. Pure: the worker and the handlers decide when, the transport delivers.</summary>
public static class FineTuneMessages
{
    private const int BarWidth = 20;
    private const int SampleCharacters = 400;
    private const int ColorRunning = 0x3B82F6;
    private const int ColorSucceeded = 0x22C55E;
    private const int ColorFailed = 0xEF4444;
    private const int ColorNeutral = 0x9CA3AF;

    /// <summary>The run's message while it waits: position (when queued) and the Cancel button.</summary>
    public static CommandResponse Waiting(FineTuneRun run, int? position)
    {
        var line = run.State switch
        {
            FineTuneRunState.AwaitingApproval => "waiting for an admin to approve it (`/finetune approve " + run.Id + "`)",
            FineTuneRunState.Queued when position == 1 => "queued — next to start",
            FineTuneRunState.Queued when position is not null => $"queued — position {position}",
            _ => run.State.ToString().ToLowerInvariant(),
        };
        return new CommandResponse
        {
            Content = $"🧪 Fine-tune run **{run.Id}** for {run.Requester.DisplayName}: {line}.",
            Embeds = [SettingsEmbed(run, ColorNeutral)],
            Components = [CancelRow(run)],
        };
    }

    /// <summary>The run's message while training: progress bar, step, loss, tokens/s, ETA.</summary>
    public static CommandResponse Progress(FineTuneRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"🏋️ Run **{run.Id}** for {run.Requester.DisplayName} is training");
        text.Append(run.ResumeCount > 0 ? $" (resumed {run.ResumeCount}×)." : ".");
        if (run.Progress is { } p)
        {
            text.Append('\n').Append(Bar(p.Fraction)).Append(CultureInfo.InvariantCulture, $" {p.Fraction * 100:0}%\n");
            text.Append(CultureInfo.InvariantCulture, $"step {p.Step}/{p.TotalSteps} · loss {p.Loss:0.0000} · {p.TokensPerSecond:N0} tokens/s");
            if (p.Eta is { } eta)
            {
                text.Append(" · ETA ").Append(Duration(eta));
            }
        }
        else
        {
            text.Append("\nLoading the model…");
        }

        if (run.TrainingDevice is { } device)
        {
            text.Append("\ndevice: ").Append(device);
        }

        return new CommandResponse
        {
            Content = text.ToString(),
            Embeds = [SettingsEmbed(run, ColorRunning)],
            Components = run.CancelRequestedAt is null ? [CancelRow(run)] : [],
        };
    }

    /// <summary>The run's own message once it ended (no buttons except "Sample again" after success).</summary>
    public static CommandResponse Finished(FineTuneRun run)
    {
        var summary = run.State switch
        {
            FineTuneRunState.Succeeded => $"✅ Run **{run.Id}** finished in {Duration(run.Result?.Duration ?? TimeSpan.Zero)}. Results below.",
            FineTuneRunState.Failed => $"❌ Run **{run.Id}** failed: {run.Error}",
            FineTuneRunState.Cancelled => $"🛑 Run **{run.Id}** was cancelled.",
            _ => $"Run **{run.Id}** is {run.State.ToString().ToLowerInvariant()}.",
        };
        return new CommandResponse
        {
            Content = Truncate(summary, CommandResponseLimits.MaxContentLength),
            Embeds = [SettingsEmbed(run, run.State == FineTuneRunState.Succeeded ? ColorSucceeded : ColorFailed)],
            Components = run.State == FineTuneRunState.Succeeded ? [SampleRow(run)] : [],
        };
    }

    /// <summary>The results post. <paramref name="files"/> are the loss curve and the adapter zip (when small enough).</summary>
    public static CommandResponse Result(FineTuneRun run, IReadOnlyList<ResponseFile> files)
    {
        var result = run.Result ?? throw new ArgumentException("The run has no result.", nameof(run));
        var fields = new List<EmbedField>
        {
            new("Validation loss", $"{Number(result.ValidationLossBefore)} → {Number(result.ValidationLossAfter)}", Inline: true),
            new("Perplexity", $"{Number(result.PerplexityBefore)} → {Number(result.PerplexityAfter)}", Inline: true),
            new("Duration", Duration(result.Duration), Inline: true),
        };
        if (run.TrainingDevice is { } device)
        {
            fields.Add(new EmbedField("Device", Truncate(device, 1024)));
        }

        foreach (var sample in result.Samples.Take(3))
        {
            fields.Add(new EmbedField($"Prompt: {Truncate(sample.Prompt, 200)}", Truncate(
                $"**before:** {Quote(sample.Before)}\n**after:** {Quote(sample.After)}", 1024)));
        }

        var adapterLine = result.AdapterTooLargeToUpload
            ? $"The adapter zip is above the upload limit; it is on the host at `{result.AdapterZipPath}`."
            : files.Any(f => f.FileName.EndsWith(".zip", StringComparison.Ordinal))
                ? "The adapter (PEFT format) is attached."
                : "No adapter file was produced.";
        var lossPlot = files.FirstOrDefault(f => f.FileName.EndsWith(".png", StringComparison.Ordinal));
        return new CommandResponse
        {
            Content = $"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** finished. {adapterLine}",
            Embeds =
            [
                new ResponseEmbed(
                    Title: $"Run {run.Id}: {run.Settings.BaseModel} + LoRA r={run.Settings.Rank}",
                    Description: SettingsLine(run),
                    Fields: fields,
                    Color: ColorSucceeded,
                    ImageFileName: lossPlot?.FileName),
            ],
            Files = files,
            Components = [SampleRow(run)],
        };
    }

    /// <summary>The results post without files, for when uploading them failed: where they are on the host instead.</summary>
    public static CommandResponse ResultOnHost(FineTuneRun run)
    {
        var result = run.Result ?? throw new ArgumentException("The run has no result.", nameof(run));
        var paths = new List<string>();
        if (result.AdapterZipPath is { } adapter)
        {
            paths.Add($"adapter `{adapter}`");
        }

        if (result.LossPlotPath is { } plot)
        {
            paths.Add($"loss curve `{plot}`");
        }

        var where = paths.Count == 0 ? "" : $" They are on the host: {string.Join(", ", paths)}.";
        return Result(run, []) with
        {
            Content = Truncate($"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** finished. Its files could not be uploaded here.{where}", CommandResponseLimits.MaxContentLength),
        };
    }

    public static CommandResponse FailureNotice(FineTuneRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** failed: {run.Error}");
        if (run.ErrorTail.Count > 0)
        {
            var tail = string.Join('\n', run.ErrorTail.TakeLast(15)).Replace("```", "'''", StringComparison.Ordinal);
            var room = CommandResponseLimits.MaxContentLength - text.Length - 20;
            if (room > 100)
            {
                text.Append("\n```\n").Append(tail.Length > room ? tail[^room..] : tail).Append("\n```");
            }
        }

        return new CommandResponse { Content = Truncate(text.ToString(), CommandResponseLimits.MaxContentLength) };
    }

    public static CommandResponse StartsOverNotice(FineTuneRun run) => new()
    {
        Content = $"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** cannot continue from its last checkpoint " +
                  "(it was saved by an older version of the trainer), so it starts again from the beginning.",
    };

    public static CommandResponse CancelledNotice(FineTuneRun run) => new()
    {
        Content = run.CancelledBy is { } by && by != run.Requester.UserId
            ? $"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** was cancelled by <@{by}>."
            : $"<@{run.Requester.UserId}> your fine-tune run **{run.Id}** was cancelled.",
    };

    /// <summary>Told after a restart of the bot interrupted the run.</summary>
    public static CommandResponse InterruptedNotice(FineTuneRun run) => new()
    {
        Content = run.ResumeFromCheckpoint
            ? $"<@{run.Requester.UserId}> the bot restarted while run **{run.Id}** was training; it will continue from its last checkpoint."
            : $"<@{run.Requester.UserId}> the bot restarted while run **{run.Id}** was training; it will start over.",
    };

    /// <summary>One line per run for <c>/finetune list</c> and <c>/gpu</c>.</summary>
    public static string Line(FineTuneRun run, int? position = null)
    {
        var state = run.State switch
        {
            FineTuneRunState.Queued when position is not null => $"queued #{position}",
            FineTuneRunState.Running when run.Progress is { } p => $"running {p.Step}/{p.TotalSteps} (loss {p.Loss:0.000})",
            FineTuneRunState.Succeeded when run.Result is { } r => $"succeeded (val loss {Number(r.ValidationLossBefore)} → {Number(r.ValidationLossAfter)})",
            _ => run.State.ToString().ToLowerInvariant(),
        };
        return $"**{run.Id}** · {run.Requester.DisplayName} · `{run.Settings.BaseModel}` · {state}";
    }

    public static ResponseEmbed SettingsEmbed(FineTuneRun run, int color) =>
        new(Title: $"Run {run.Id}", Description: SettingsLine(run), Color: color, Footer: $"dataset sha256 {run.DatasetSha256[..Math.Min(12, run.DatasetSha256.Length)]}");

    public static string SettingsLine(FineTuneRun run)
    {
        var s = run.Settings;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"model `{s.BaseModel}` · data {s.Dataset.Describe()} · rank {s.Rank} · alpha {s.Alpha:G4} · targets {string.Join(",", s.TargetModules)} · steps {s.Steps} · lr {s.LearningRate:G3} · seq {s.SequenceLength} · batch {s.BatchSize} · seed {s.Seed}");
        return s.Prompt is null ? line : line + $"\nprompt: {Quote(Truncate(s.Prompt, 200))}";
    }

    public static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        return "`" + new string('█', filled) + new string('░', BarWidth - filled) + "`";
    }

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s" : $"{Math.Max(0, span.Seconds)}s";

    private static ActionRow CancelRow(FineTuneRun run) =>
        new([new ButtonComponent("Cancel", FineTuneCustomIds.Cancel(run.Id), ButtonStyle.Danger)]);

    private static ActionRow SampleRow(FineTuneRun run) =>
        new([new ButtonComponent("Sample again", FineTuneCustomIds.SampleAgain(run.Id), ButtonStyle.Primary)]);

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Quote(string text) => "“" + Truncate(text.ReplaceLineEndings(" "), SampleCharacters) + "”";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
