namespace StudyBot.FakeDiscord.Model;

public static class FakeEventKinds
{
    public const string MessageCreated = "message_created";
    public const string MessageEdited = "message_edited";
    public const string MessageDeleted = "message_deleted";
    public const string ThreadCreated = "thread_created";
    public const string ScheduledEventCreated = "scheduled_event_created";
    public const string ScheduledEventUpdated = "scheduled_event_updated";
    public const string InteractionCreated = "interaction_created";
    public const string InteractionCallback = "interaction_callback";
    public const string InteractionDeliveryFailed = "interaction_delivery_failed";
    public const string CommandsRegistered = "commands_registered";
    public const string GatewayConnected = "gateway_connected";
    public const string GatewayIdentified = "gateway_identified";
    public const string GatewayResumed = "gateway_resumed";
    public const string GatewayDisconnected = "gateway_disconnected";
}
