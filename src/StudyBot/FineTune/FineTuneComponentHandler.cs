using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>The run message's buttons (<c>ft:cancel:</c>, <c>ft:sample:</c>) and the "Sample again" modal (<c>ft:prompt:</c>).</summary>
public sealed class FineTuneComponentHandler(
    FineTuneRequestService service,
    IModelCatalog models,
    IAdapterSampler sampler) : IComponentHandler
{
    private const int SampleTokens = 60;

    public string CustomIdPrefix => FineTuneCustomIds.Prefix;

    public async Task<CommandResponse> HandleComponentAsync(ComponentRequest request, CancellationToken cancellationToken)
    {
        if (!FineTuneCustomIds.TryParse(request.CustomId, out var action, out var runId))
        {
            throw new CommandInputException("That button is no longer active.");
        }

        var guild = request.RequireGuild();
        switch (action)
        {
            case "cancel":
                // The answer below updates the message the button is on, which is the run's message.
                var run = await service.CancelAsync(request.Member, guild, runId, updatedByCaller: request.MessageId, cancellationToken);
                return (run.State == FineTuneRunState.Cancelled ? FineTuneMessages.Finished(run) : FineTuneMessages.Progress(run)).AsMessageUpdate();
            case "sample":
                var finished = await service.FindAsync(guild, runId, cancellationToken);
                RequireAdapter(finished);
                return CommandResponse.ShowModal(new ModalResponse(
                    FineTuneCustomIds.PromptModal(runId),
                    $"Sample from run {runId}",
                    [new ModalTextInput(FineTuneCustomIds.PromptInput, "Prompt", TextInputStyle.Paragraph, Required: true, MinLength: 1, MaxLength: FineTuneSettingsValidator.MaxPromptLength, Value: finished.Settings.Prompt)]));
            default:
                throw new CommandInputException("That button is no longer active.");
        }
    }

    public async Task<CommandResponse> HandleModalSubmitAsync(ModalSubmitRequest request, CancellationToken cancellationToken)
    {
        if (!FineTuneCustomIds.TryParse(request.CustomId, out var action, out var runId) || action != "prompt")
        {
            throw new CommandInputException("That form is no longer active.");
        }

        var run = await service.FindAsync(request.RequireGuild(), runId, cancellationToken);
        var adapter = RequireAdapter(run);
        var model = models.Find(run.Settings.BaseModel) ?? throw new CommandInputException($"The base model `{run.Settings.BaseModel}` is no longer on the host.");
        var prompt = request.Fields.TryGetValue(FineTuneCustomIds.PromptInput, out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw new CommandInputException("Write a prompt to sample from.");

        AdapterSample sample;
        try
        {
            // The adapter is the run folder's adapter/ (FineTuneRunFolder.Adapter); the sampler reads it from there.
            var runDirectory = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(adapter))!;
            sample = await sampler.SampleAsync(
                new AdapterSampleRequest(runDirectory, model.Directory, prompt, SampleTokens, Temperature: 0.8, TopK: 40, Seed: Environment.TickCount),
                cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new CommandInputException("Sampling failed: " + e.Message, e);
        }

        var body = $"**{Fit(prompt, 300)}**{Fit(sample.Text, 1500)}";
        var note = sample.Note is null ? string.Empty : $"\n-# {sample.Note}";
        return CommandResponse.Text($"🎲 Run **{run.Id}** ({run.Settings.BaseModel} + LoRA) for {request.Member.DisplayName}:\n{body}{note}");
    }

    private static string RequireAdapter(FineTuneRun run) =>
        run.State == FineTuneRunState.Succeeded && run.Result?.AdapterDirectory is { } directory && Directory.Exists(directory)
            ? directory
            : throw new CommandInputException($"Run **{run.Id}** has no trained adapter to sample from.");

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
