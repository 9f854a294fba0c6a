using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Members;
using StudyBot.Core.Papers;

namespace StudyBot.Core.Queue;

/// <summary>The rules of a server's reading queue: what can be added, who may vote, remove, move and pin.</summary>
public sealed partial class ReadingQueueService(
    IReadingQueueRepository repository,
    IPaperCatalog catalog,
    IPaperMetadataLookup metadataLookup,
    TimeProvider time,
    ILogger<ReadingQueueService> logger)
{
    public Task<IReadOnlyList<QueuedPaper>> ListAsync(ulong guildId, CancellationToken cancellationToken) =>
        repository.ListAsync(guildId, cancellationToken);

    public Task<IReadOnlyList<DiscussedPaper>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken) =>
        repository.ListHistoryAsync(guildId, limit, cancellationToken);

    /// <summary>Adds a library paper (slug or id) or any arXiv paper (by id). Unknown input, ids arXiv says it has no
    /// paper for, and duplicates are rejected with a member-facing <see cref="QueueRuleException"/>; when arXiv cannot
    /// answer now, the paper is queued by its id with metadata pending (see <see cref="CompletePendingAsync"/>).</summary>
    public async Task<QueuedPaper> AddAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        var input = paper.Trim();
        var note = catalog.Find(input);
        string? arxivId = null;
        if (note is null && ArxivId.TryParse(input, out var parsed))
        {
            arxivId = parsed.Value;
            note = catalog.Find(arxivId);
        }

        if (note is null && arxivId is null)
        {
            throw new QueueRuleException(
                $"I couldn't find `{input}` in the paper library, and it isn't an arXiv id (like `2401.12345`). " +
                "Try `/paper search` for library papers.");
        }

        var key = note?.Id ?? arxivId!;
        var existing = await repository.FindAsync(guildId, key, cancellationToken);
        if (existing is not null)
        {
            throw Duplicate(existing);
        }

        QueuedPaper entry;
        if (note is not null)
        {
            entry = NewEntry(guildId, member, key, note.Slug, note.Title, note.Authors, note.Url, pendingReason: null);
        }
        else
        {
            var metadata = await LookupAsync(key, cancellationToken);
            if (metadata.NotFound)
            {
                throw new QueueRuleException($"arXiv has no paper with id `{key}`; check the id.");
            }

            entry = metadata.Found
                ? NewEntry(guildId, member, key, null, metadata.Title!, metadata.Authors, metadata.Url ?? ArxivUrl(key), null)
                : NewEntry(guildId, member, key, null, $"arXiv:{key}", [], ArxivUrl(key), metadata.PendingReason ?? "metadata pending");
        }

        if (!await repository.TryAddAsync(entry, cancellationToken))
        {
            // Someone added the same paper between our check and the insert.
            var winner = await repository.FindAsync(guildId, key, cancellationToken);
            throw Duplicate(winner ?? entry);
        }

        return entry;
    }

    /// <summary>Asks the metadata port again for every queued paper (all servers) whose metadata is pending and fills in
    /// title, authors and URL where arXiv now answers; votes, pins and proposers stay. Papers arXiv still cannot
    /// describe stay pending for the next pass. Each id is asked for once per pass.</summary>
    public async Task<PendingMetadataSweep> CompletePendingAsync(CancellationToken cancellationToken)
    {
        var pending = await repository.ListPendingMetadataAsync(cancellationToken);
        var answers = new Dictionary<string, PaperMetadataResult>(StringComparer.Ordinal);
        int completed = 0, notFound = 0;
        foreach (var entry in pending)
        {
            if (!answers.TryGetValue(entry.PaperKey, out var metadata))
            {
                metadata = await LookupAsync(entry.PaperKey, cancellationToken);
                answers[entry.PaperKey] = metadata;
            }

            if (metadata.Found)
            {
                var url = metadata.Url ?? ArxivUrl(entry.PaperKey);
                if (await repository.CompleteMetadataAsync(entry.GuildId, entry.PaperKey, metadata.Title!, metadata.Authors, url, cancellationToken))
                {
                    completed++;
                }
            }
            else if (metadata.NotFound)
            {
                notFound++;
            }
        }

        if (pending.Count > 0)
        {
            LogPendingSwept(logger, pending.Count, completed, notFound);
        }

        return new PendingMetadataSweep(pending.Count, completed, notFound);
    }

    public async Task<VoteResult> VoteAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        var result = await repository.AddVoteAsync(guildId, entry.PaperKey, member.UserId, cancellationToken);
        return result.Outcome switch
        {
            VoteOutcome.Unchanged => throw new QueueRuleException($"You already voted for **{entry.Title}** ({result.Votes} votes). Each member gets one vote per paper."),
            VoteOutcome.NotQueued => throw NotQueued(paper),
            _ => result,
        };
    }

    public async Task<VoteResult> UnvoteAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        var result = await repository.RemoveVoteAsync(guildId, entry.PaperKey, member.UserId, cancellationToken);
        return result.Outcome switch
        {
            VoteOutcome.Unchanged => throw new QueueRuleException($"You haven't voted for **{entry.Title}**, so there is no vote to take back."),
            VoteOutcome.NotQueued => throw NotQueued(paper),
            _ => result,
        };
    }

    public async Task<QueuedPaper> RemoveAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        if (entry.ProposedBy != member.UserId && !member.IsAdmin)
        {
            throw new CommandPermissionException($"Only the member who proposed **{entry.Title}** or a server admin can remove it.");
        }

        if (!await repository.RemoveAsync(guildId, entry.PaperKey, cancellationToken))
        {
            throw NotQueued(paper);
        }

        return entry;
    }

    /// <summary>Admins put a paper at a position: it becomes pinned there (pinned papers come before voted ones),
    /// so the position holds regardless of later votes until it is unpinned.</summary>
    public async Task<int> MoveAsync(ulong guildId, ClubMember member, string paper, int position, CancellationToken cancellationToken)
    {
        RequireAdmin(member, "move papers in the queue");
        if (position < 1)
        {
            throw new QueueRuleException("Positions start at 1.");
        }

        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        return await repository.PinAsync(guildId, entry.PaperKey, position, cancellationToken) ?? throw NotQueued(paper);
    }

    public async Task<int> PinAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        RequireAdmin(member, "pin papers");
        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        return await repository.PinAsync(guildId, entry.PaperKey, int.MaxValue, cancellationToken) ?? throw NotQueued(paper);
    }

    public async Task<QueuedPaper> UnpinAsync(ulong guildId, ClubMember member, string paper, CancellationToken cancellationToken)
    {
        RequireAdmin(member, "unpin papers");
        var entry = await ResolveQueuedAsync(guildId, paper, cancellationToken);
        if (!entry.IsPinned)
        {
            throw new QueueRuleException($"**{entry.Title}** is not pinned.");
        }

        await repository.UnpinAsync(guildId, entry.PaperKey, cancellationToken);
        return entry;
    }

    /// <summary>Finds a queued paper by its key, library slug/id or arXiv id, or fails with a member-facing message.</summary>
    public async Task<QueuedPaper> ResolveQueuedAsync(ulong guildId, string paper, CancellationToken cancellationToken)
    {
        var input = paper.Trim();
        foreach (var key in CandidateKeys(input))
        {
            var entry = await repository.FindAsync(guildId, key, cancellationToken);
            if (entry is not null)
            {
                return entry;
            }
        }

        throw NotQueued(input);
    }

    private IEnumerable<string> CandidateKeys(string input)
    {
        yield return input;
        if (catalog.Find(input) is { } note)
        {
            yield return note.Id;
        }

        if (ArxivId.TryParse(input, out var arxivId))
        {
            yield return arxivId.Value;
        }
    }

    private async Task<PaperMetadataResult> LookupAsync(string arxivId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await metadataLookup.LookupAsync(arxivId, cancellationToken);
            if (result.NotFound)
            {
                LogArxivNotFound(logger, arxivId, result.Reason ?? "no reason given");
            }
            else if (!result.Found)
            {
                LogMetadataPending(logger, arxivId, result.PendingReason ?? "no title");
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMetadataLookupFailed(logger, arxivId, ex);
            return PaperMetadataResult.Pending("the arXiv lookup failed");
        }
    }

    private QueuedPaper NewEntry(ulong guildId, ClubMember member, string key, string? slug, string title, IReadOnlyList<string> authors, string? url, string? pendingReason) =>
        new(guildId, key, slug, title, authors, url, pendingReason, member.UserId, time.GetUtcNow(), [], null);

    private static string ArxivUrl(string arxivId) => $"https://arxiv.org/abs/{arxivId}";

    private static void RequireAdmin(ClubMember member, string action)
    {
        if (!member.IsAdmin)
        {
            throw new CommandPermissionException($"Only server admins (Manage Server) can {action}.");
        }
    }

    private static QueueRuleException Duplicate(QueuedPaper existing) =>
        new($"**{existing.Title}** is already in the queue ({existing.Votes} votes). Use `/queue vote` to support it.");

    private static QueueRuleException NotQueued(string input) =>
        new($"`{input}` is not in this server's reading queue. `/queue list` shows what is.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Metadata for arXiv {ArxivId} is pending: {Reason}")]
    private static partial void LogMetadataPending(ILogger logger, string arxivId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "arXiv has no paper {ArxivId}: {Reason}")]
    private static partial void LogArxivNotFound(ILogger logger, string arxivId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pending queue metadata: {Pending} papers asked for again, {Completed} completed, {NotFound} not on arXiv")]
    private static partial void LogPendingSwept(ILogger logger, int pending, int completed, int notFound);

    [LoggerMessage(Level = LogLevel.Warning, Message = "arXiv metadata lookup for {ArxivId} failed; queued with metadata pending")]
    private static partial void LogMetadataLookupFailed(ILogger logger, string arxivId, Exception exception);
}
