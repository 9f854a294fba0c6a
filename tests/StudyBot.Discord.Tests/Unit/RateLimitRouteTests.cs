using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Unit;

public sealed class RateLimitRouteTests
{
    [Fact]
    public void Channel_id_is_kept_as_major_parameter_and_message_id_replaced()
    {
        var a = RateLimitRoute.For(HttpMethod.Patch, "channels/111/messages/222");
        var b = RateLimitRoute.For(HttpMethod.Patch, "channels/111/messages/333");
        var other = RateLimitRoute.For(HttpMethod.Patch, "channels/999/messages/222");

        Assert.Equal("PATCH channels/111/messages/{id}", a.Key);
        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, other.Key);
        Assert.Equal("channels/111", a.Major);
    }

    [Fact]
    public void Method_is_part_of_the_route()
    {
        Assert.NotEqual(RateLimitRoute.For(HttpMethod.Get, "channels/1/messages").Key, RateLimitRoute.For(HttpMethod.Post, "channels/1/messages").Key);
    }

    [Fact]
    public void Webhook_token_is_part_of_the_key_but_never_of_the_display_form()
    {
        var route = RateLimitRoute.For(HttpMethod.Patch, "webhooks/77/secret-token/messages/@original");

        Assert.Equal("PATCH webhooks/77/secret-token/messages/@original", route.Key);
        Assert.Equal("webhooks/77/secret-token", route.Major);
        Assert.Equal("PATCH webhooks/77/{token}/messages/@original", route.Display);
    }

    [Fact]
    public void Interaction_callbacks_are_keyed_per_interaction_and_hide_the_token()
    {
        var route = RateLimitRoute.For(HttpMethod.Post, "interactions/5/tok/callback");

        Assert.Equal("POST interactions/5/{token}/callback", route.Display);
        Assert.NotEqual(route.Key, RateLimitRoute.For(HttpMethod.Post, "interactions/6/tok2/callback").Key);
    }

    [Fact]
    public void Application_ids_are_replaced_and_query_ignored()
    {
        Assert.Equal("GET applications/{id}/guilds/{id}/commands", RateLimitRoute.For(HttpMethod.Get, "applications/1/guilds/2/commands?with_localizations=true").Key);
    }
}
