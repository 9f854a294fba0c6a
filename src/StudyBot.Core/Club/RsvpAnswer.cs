namespace StudyBot.Core.Club;

public enum RsvpAnswer
{
    Going,
    Maybe,
    NotGoing,
}
