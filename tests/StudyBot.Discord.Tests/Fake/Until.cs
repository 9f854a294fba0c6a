namespace StudyBot.Discord.Tests.Fake;

internal static class Until
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous timeout instead of hanging.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + RawGatewayClient.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
