using TorchSharp;

namespace StudyBot.Training.Safetensors;

/// <summary>Maps the safetensors dtype names to TorchSharp scalar types and element sizes.</summary>
internal static class SafetensorsDTypes
{
    public static bool TryParse(string name, out torch.ScalarType type)
    {
        switch (name)
        {
            case "F32": type = torch.ScalarType.Float32; return true;
            case "F16": type = torch.ScalarType.Float16; return true;
            case "BF16": type = torch.ScalarType.BFloat16; return true;
            case "F64": type = torch.ScalarType.Float64; return true;
            case "I64": type = torch.ScalarType.Int64; return true;
            case "I32": type = torch.ScalarType.Int32; return true;
            case "I16": type = torch.ScalarType.Int16; return true;
            case "I8": type = torch.ScalarType.Int8; return true;
            case "U8": type = torch.ScalarType.Byte; return true;
            case "BOOL": type = torch.ScalarType.Bool; return true;
            default: type = default; return false;
        }
    }

    public static string NameOf(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "F32",
        torch.ScalarType.Float16 => "F16",
        torch.ScalarType.BFloat16 => "BF16",
        torch.ScalarType.Float64 => "F64",
        torch.ScalarType.Int64 => "I64",
        torch.ScalarType.Int32 => "I32",
        torch.ScalarType.Int16 => "I16",
        torch.ScalarType.Int8 => "I8",
        torch.ScalarType.Byte => "U8",
        torch.ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"Tensor type {type} cannot be stored in safetensors by this writer."),
    };

    public static int SizeOf(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Int8 or torch.ScalarType.Byte or torch.ScalarType.Bool => 1,
        _ => throw new NotSupportedException($"Tensor type {type} is not supported."),
    };
}
