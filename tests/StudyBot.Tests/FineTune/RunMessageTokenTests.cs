using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage;
using StudyBot.Storage.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// The interaction token of a run's message (the reply to <c>/finetune start</c>) lives in the editor's memory only:
/// edits use it within its lifetime; the stored run knows the message by channel and id, so after the token expires,
/// stops working or the bot restarts, the message is edited by id. A temp-folder LiteDB and a recording notifier.
/// </summary>
public sealed class RunMessageTokenTests : IDisposable
{
    private const string Token = "interaction-token-5b1e0c9a-never-stored";
    private const ulong Channel = 20;
    private const ulong ReplyId = 777;
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "studybot-fttoken-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly RecordingFineTuneNotifier _notifier = new();
    private StudyBotDatabase _database;
    private LiteDbFineTuneRunRepository _runs;
    private FineTuneRunMessageEditor _editor;

    public RunMessageTokenTests()
    {
        _database = new StudyBotDatabase(DatabasePath);
        _runs = new LiteDbFineTuneRunRepository(_database);
        _editor = NewEditor();
    }

    private string DatabasePath => Path.Combine(_root, "studybot.db");

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Within_its_lifetime_the_token_edits_the_reply_and_afterwards_the_message_is_edited_by_id()
    {
        var run = await QueuedRunWithReplyAsync(ReplyId);

        Assert.Equal(new FineTuneMessageRef(Channel, ReplyId, null, T0), run.Message);
        await _editor.ShowAsync(run, CommandResponse.Text("step 1"), postIfMissing: true, CancellationToken.None);
        _clock.Advance(FineTuneMessageRef.InteractionTokenLifetime - TimeSpan.FromSeconds(1));
        await _editor.ShowAsync(run, CommandResponse.Text("step 2"), postIfMissing: true, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await _editor.ShowAsync(run, CommandResponse.Text("step 3"), postIfMissing: true, CancellationToken.None);

        var edits = _notifier.For(run.Id, "edit");
        Assert.Equal(["step 1", "step 2", "step 3"], edits.Select(e => e.Message.Content));
        Assert.Equal([Token, Token, null], edits.Select(e => e.Target!.InteractionToken));
        Assert.All(edits, e => Assert.Equal(ReplyId, e.Target!.MessageId));
        Assert.Empty(_notifier.For(run.Id, "post"));
    }

    [Fact]
    public async Task After_a_restart_the_run_message_is_edited_by_its_id()
    {
        var run = await QueuedRunWithReplyAsync(ReplyId);

        // A new process: a reopened database and a new editor, still within the token's lifetime.
        Restart();
        run = (await _runs.FindAsync(run.Id, CancellationToken.None))!;
        await _editor.ShowAsync(run, CommandResponse.Text("resumed"), postIfMissing: true, CancellationToken.None);

        var edit = Assert.Single(_notifier.For(run.Id, "edit"));
        Assert.Equal(new FineTuneMessageRef(Channel, ReplyId, null, T0), edit.Target);
        Assert.Equal("resumed", edit.Message.Content);
        Assert.Empty(_notifier.For(run.Id, "post"));
    }

    [Fact]
    public async Task A_reply_whose_id_is_unknown_is_edited_through_its_token_and_after_a_restart_replaced_by_a_new_message()
    {
        var run = await QueuedRunWithReplyAsync(messageId: null);
        await _editor.ShowAsync(run, CommandResponse.Text("step 1"), postIfMissing: true, CancellationToken.None);
        Assert.Equal(Token, Assert.Single(_notifier.For(run.Id, "edit")).Target!.InteractionToken);

        Restart();
        run = (await _runs.FindAsync(run.Id, CancellationToken.None))!;
        run = await _editor.ShowAsync(run, CommandResponse.Text("resumed"), postIfMissing: true, CancellationToken.None);

        Assert.Equal("resumed", Assert.Single(_notifier.For(run.Id, "post")).Message.Content);
        Assert.NotNull(run.Message!.MessageId);
        Assert.Null(run.Message.InteractionToken);
    }

    [Fact]
    public async Task A_token_that_stops_working_early_is_not_tried_again()
    {
        var run = await QueuedRunWithReplyAsync(ReplyId);
        _notifier.TokenDead = true;

        await _editor.ShowAsync(run, CommandResponse.Text("step 1"), postIfMissing: true, CancellationToken.None);
        await _editor.ShowAsync(run, CommandResponse.Text("step 2"), postIfMissing: true, CancellationToken.None);

        Assert.Equal([Token, null], _notifier.For(run.Id, "edit").Select(e => e.Target!.InteractionToken));
    }

    [Fact]
    public async Task A_reply_that_arrives_after_the_run_posted_its_own_message_neither_replaces_it_nor_lends_it_its_token()
    {
        var run = await AddQueuedRunAsync();
        run = await _editor.ShowAsync(run, CommandResponse.Text("queued"), postIfMissing: true, CancellationToken.None);
        var posted = run.Message!;

        await _editor.AttachReplyAsync(run.Id, new FineTuneMessageRef(Channel, ReplyId, Token, T0), CancellationToken.None);
        run = (await _runs.FindAsync(run.Id, CancellationToken.None))!;
        await _editor.ShowAsync(run, CommandResponse.Text("step 1"), postIfMissing: true, CancellationToken.None);

        Assert.Equal(posted, run.Message);
        var edit = Assert.Single(_notifier.For(run.Id, "edit"));
        Assert.Equal(posted, edit.Target);
    }

    private async Task<FineTuneRun> QueuedRunWithReplyAsync(ulong? messageId)
    {
        var run = await AddQueuedRunAsync();
        _editor.ExpectReply(run.Id);
        await _editor.AttachReplyAsync(run.Id, new FineTuneMessageRef(Channel, messageId, Token, T0), CancellationToken.None);
        return (await _runs.FindAsync(run.Id, CancellationToken.None))!;
    }

    private async Task<FineTuneRun> AddQueuedRunAsync()
    {
        var settings = new FineTuneRunSettings("tiny", new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, 10),
            4, 8, ["c_attn"], 20, 1e-3, 64, 1, null);
        var run = await _runs.AddAsync(id => FineTuneRun.Request(id, 10, Channel, new FineTuneRequester(1, "alice"), settings, new string('c', 64), T0), CancellationToken.None);
        return await _runs.UpdateAsync(run.Id, r => r.Submit(false, T0), CancellationToken.None);
    }

    private void Restart()
    {
        _database.Dispose();
        _database = new StudyBotDatabase(DatabasePath);
        _runs = new LiteDbFineTuneRunRepository(_database);
        _editor = NewEditor();
    }

    private FineTuneRunMessageEditor NewEditor() => new(_runs, _notifier, _clock, NullLogger<FineTuneRunMessageEditor>.Instance);
}
