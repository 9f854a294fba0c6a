using System.Globalization;
using System.Runtime.CompilerServices;
using StudyBot.Core.Papers;
using StudyBot.Core.Rendering;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>/paper: library look-ups, rendered through the paper card and Discord-markdown renderers so every
/// answer fits Discord's limits.</summary>
public sealed class PaperCommandHandler(IPaperCatalog catalog) : ICommandHandler
{
    private const int PaperColor = 0x5865F2;

    // The library is immutable once loaded, so each note's info card (a Markdown parse and render) is built once;
    // keyed by the note instance, so a reloaded library simply gets fresh entries.
    private readonly ConditionalWeakTable<PaperNote, ResponseEmbed> _infoEmbeds = [];

    public CommandDeclaration Declaration { get; } = PaperCommandDeclaration.Create();

    public Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Subcommand switch
        {
            "info" => new CommandResponse { Embeds = [_infoEmbeds.GetValue(FindPaper(request.GetString("paper")), InfoEmbed)] },
            "questions" => Questions(FindPaper(request.GetString("paper"))),
            "path" => PathTo(request.GetOptionalString("paper")),
            "search" => Search(request.GetString("query")),
            _ => throw new CommandInputException($"`/paper {request.Subcommand}` is not a paper command."),
        });

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<CommandChoice> choices = request.FocusedOption != "paper"
            ? []
            : Matching(request.PartialValue).Select(n => new CommandChoice($"{n.Title} ({n.Year})", n.Slug)).ToList();
        return Task.FromResult(choices);
    }

    private IEnumerable<PaperNote> Matching(string partial) =>
        string.IsNullOrWhiteSpace(partial)
            ? catalog.All.Take(CommandResponseLimits.MaxChoices).ToList()
            : catalog.Search(partial.Trim(), CommandResponseLimits.MaxChoices);

    private PaperNote FindPaper(string input)
    {
        var found = catalog.Find(input.Trim());
        if (found is not null)
        {
            return found;
        }

        var matches = catalog.Search(input.Trim(), 1);
        return matches.Count > 0 ? matches[0] : throw new CommandInputException($"No paper in the library matches `{input}`. Try `/paper search`.");
    }

    private static ResponseEmbed InfoEmbed(PaperNote note)
    {
        var card = PaperCardRenderer.RenderCard(note);
        return new ResponseEmbed(
            Title: card.Title,
            Description: card.Description,
            Url: string.IsNullOrWhiteSpace(card.Url) ? null : card.Url,
            Fields: card.Fields.Select(f => new EmbedField(f.Name, f.Value, f.Inline)).ToList(),
            Footer: $"{note.Slug} · {note.Id}",
            Color: PaperColor);
    }

    private static CommandResponse Questions(PaperNote note)
    {
        var questions = PaperNoteSections.Get(note.Body, PaperSection.DiscussionQuestions)
            ?? throw new CommandInputException($"**{note.Title}** has no discussion questions yet.");
        var embed = new ResponseEmbed(
            Title: DiscordText.Truncate($"Discussion questions: {note.Title}", DiscordLimits.EmbedTitle),
            Description: DiscordText.Truncate(DiscordMarkdown.Render(questions), DiscordLimits.EmbedDescription),
            Url: string.IsNullOrWhiteSpace(note.Url) ? null : note.Url,
            Color: PaperColor);
        return new CommandResponse { Embeds = [embed] };
    }

    private CommandResponse PathTo(string? target)
    {
        string? slug = null;
        if (!string.IsNullOrWhiteSpace(target))
        {
            slug = (catalog.Find(target.Trim()) ?? throw new CommandInputException($"No paper in the library matches `{target}`.")).Slug;
        }

        var path = catalog.ReadingPath(slug);
        if (path.Count == 0)
        {
            return CommandResponse.Text("The paper library is empty.", ephemeral: true);
        }

        var lines = path.Select((n, i) => $"{i + 1}. **{n.Title}** ({n.Year}) — `{n.Slug}`").ToList();
        var embed = new ResponseEmbed(
            Title: slug is null ? "Reading path through the library" : $"Reading path to {TextLimits.Fit(path[^1].Title, 200)}",
            Description: TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength),
            Footer: "Every paper comes after the papers it builds on.",
            Color: PaperColor);
        return new CommandResponse { Embeds = [embed] };
    }

    private CommandResponse Search(string query)
    {
        var found = catalog.Search(query.Trim(), 10);
        if (found.Count == 0)
        {
            return CommandResponse.Text($"No library paper matches `{query}`. Papers outside the library can still be queued by arXiv id with `/queue add`.", ephemeral: true);
        }

        var lines = found.Select(n => $"• **{n.Title}** ({n.Year}) — `{n.Slug}` · {string.Join(", ", n.Tags)}").ToList();
        return new CommandResponse
        {
            Embeds = [new ResponseEmbed(Title: $"Papers matching “{TextLimits.Fit(query, 100)}”", Description: TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength), Color: PaperColor)],
            Ephemeral = true,
        };
    }
}
