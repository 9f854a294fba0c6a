namespace StudyBot.Discord.Tests.Support;

/// <summary>Polls a condition with a generous timeout: these tests run on a loaded 2-core box.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
