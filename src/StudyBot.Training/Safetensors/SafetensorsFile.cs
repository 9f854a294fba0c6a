using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;

namespace StudyBot.Training.Safetensors;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON header mapping
/// tensor names to {dtype, shape, data_offsets} (plus an optional string-to-string "__metadata__"), then the raw
/// little-endian tensor bytes. Every offset is validated before any data is trusted.
/// </summary>
public static class SafetensorsFile
{
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses headers above 100 MB; a larger value means a corrupt length field.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Reads every tensor (onto the CPU) and the metadata.</summary>
    public static SafetensorsContent Read(string path)
    {
        EnsureLittleEndianHost();
        using var stream = OpenForRead(path);
        var header = ReadHeader(stream, path);
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var info in header.Tensors)
            {
                tensors.Add(info.Name, ReadTensor(stream, path, header.DataStart, info));
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return new SafetensorsContent(tensors, header.Metadata);
    }

    /// <summary>Reads and validates only the header (cheap; no tensor data is loaded).</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using var stream = OpenForRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>
    /// Writes the tensors (any device; copied to the CPU) and metadata. The file appears atomically: the data goes to
    /// a temporary file in the same folder, which is renamed over <paramref name="path"/> only when complete.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndianHost();
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(directory);

        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        if (names.Contains(MetadataKey, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor.", nameof(tensors));
        }

        var infos = new List<SafetensorsTensorInfo>(names.Count);
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var size = tensor.numel() * SafetensorsDTypes.SizeOf(tensor.dtype);
            infos.Add(new SafetensorsTensorInfo(name, tensor.dtype, tensor.shape, offset, offset + size));
            offset += size;
        }

        var headerBytes = BuildHeader(infos, metadata);
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> lengthBytes = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)headerBytes.Length);
                stream.Write(lengthBytes);
                stream.Write(headerBytes);
                foreach (var name in names)
                {
                    WriteTensorBytes(stream, tensors[name]);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static FileStream OpenForRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (FileNotFoundException e)
        {
            throw new SafetensorsFormatException(path, "the file does not exist.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SafetensorsFormatException(path, "the folder does not exist.", e);
        }
    }

    private static SafetensorsHeader ReadHeader(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new SafetensorsFormatException(path, $"the file is {fileLength} bytes long, too short for the 8-byte header length (truncated or not safetensors).");
        }

        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new SafetensorsFormatException(path, $"the header length field says {headerLength} bytes but only {fileLength - 8} bytes follow it (truncated or corrupt).");
        }

        if (headerLength > MaxHeaderBytes)
        {
            throw new SafetensorsFormatException(path, $"the header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit.");
        }

        if (headerLength < 2)
        {
            throw new SafetensorsFormatException(path, $"the header is {headerLength} bytes long, too short to hold a JSON object.");
        }

        var headerBytes = new byte[(int)headerLength];
        stream.ReadExactly(headerBytes);
        var dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes.AsMemory().TrimEnd((byte)' '));
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(path, $"the header is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafetensorsFormatException(path, "the header is not a JSON object.");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var infos = new List<SafetensorsTensorInfo>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new SafetensorsFormatException(path, $"the header names '{property.Name}' twice.");
                }

                if (property.NameEquals(MetadataKey))
                {
                    ReadMetadata(property.Value, path, metadata);
                }
                else
                {
                    infos.Add(ParseEntry(property.Name, property.Value, path));
                }
            }

            ValidateLayout(infos, dataLength, path);
            return new SafetensorsHeader(infos, metadata, dataStart);
        }
    }

    private static void ReadMetadata(JsonElement element, string path, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafetensorsFormatException(path, $"'{MetadataKey}' must be a JSON object of strings.");
        }

        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafetensorsFormatException(path, $"metadata value '{item.Name}' is not a string.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsTensorInfo ParseEntry(string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': entry is not a JSON object.");
        }

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': missing or non-string 'dtype'.");
        }

        var dtypeName = dtypeElement.GetString()!;
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': unsupported dtype '{dtypeName}'.");
        }

        if (!element.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': missing or non-array 'shape'.");
        }

        var shape = new List<long>();
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var value) || value < 0)
            {
                throw new SafetensorsFormatException(path, $"tensor '{name}': shape entries must be non-negative integers.");
            }

            shape.Add(value);
        }

        if (!element.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': 'data_offsets' must be an array of two integers.");
        }

        if (!offsetsElement[0].TryGetInt64(out var begin) || !offsetsElement[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': 'data_offsets' must be two integers with 0 <= begin <= end.");
        }

        long elements = 1;
        try
        {
            foreach (var dim in shape)
            {
                elements = checked(elements * dim);
            }

            var expected = checked(elements * SafetensorsDTypes.SizeOf(dtype));
            if (expected != end - begin)
            {
                throw new SafetensorsFormatException(path, $"tensor '{name}': {dtypeName} shape [{string.Join(", ", shape)}] needs {expected} bytes but data_offsets span {end - begin}.");
            }
        }
        catch (OverflowException e)
        {
            throw new SafetensorsFormatException(path, $"tensor '{name}': shape is too large.", e);
        }

        return new SafetensorsTensorInfo(name, dtype, shape, begin, end);
    }

    private static void ValidateLayout(List<SafetensorsTensorInfo> infos, long dataLength, string path)
    {
        // Sorting by (begin, end) lets a zero-sized tensor sit anywhere without being reported as an overlap.
        infos.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expectedBegin = 0;
        foreach (var info in infos)
        {
            if (info.Begin < expectedBegin)
            {
                throw new SafetensorsFormatException(path, $"tensor '{info.Name}': data_offsets [{info.Begin}, {info.End}] overlap the previous tensor (which ends at {expectedBegin}).");
            }

            if (info.Begin > expectedBegin)
            {
                throw new SafetensorsFormatException(path, $"tensor '{info.Name}': data_offsets begin at {info.Begin} but the previous tensor ends at {expectedBegin} (gap in data).");
            }

            if (info.End > dataLength)
            {
                throw new SafetensorsFormatException(path, $"tensor '{info.Name}': data_offsets end at {info.End} but the data section holds only {dataLength} bytes (truncated file).");
            }

            expectedBegin = info.End;
        }

        if (expectedBegin != dataLength)
        {
            throw new SafetensorsFormatException(path, $"the data section holds {dataLength} bytes but the tensors cover {expectedBegin} (trailing or missing data).");
        }
    }

    private static torch.Tensor ReadTensor(FileStream stream, string path, long dataStart, SafetensorsTensorInfo info)
    {
        var byteCount = info.End - info.Begin;
        if (byteCount > Array.MaxLength)
        {
            throw new SafetensorsFormatException(path, $"tensor '{info.Name}' is {byteCount} bytes, more than one read can hold.");
        }

        var buffer = new byte[byteCount];
        stream.Position = dataStart + info.Begin;
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new SafetensorsFormatException(path, $"tensor '{info.Name}': the file ended before its data.", e);
        }

        var tensor = torch.empty(info.Shape.ToArray(), info.DType);
        if (byteCount > 0)
        {
            tensor.bytes = buffer;
        }

        return tensor;
    }

    private static byte[] BuildHeader(List<SafetensorsTensorInfo> infos, IReadOnlyDictionary<string, string>? metadata)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            foreach (var info in infos)
            {
                writer.WriteStartObject(info.Name);
                writer.WriteString("dtype", SafetensorsDTypes.NameOf(info.DType));
                writer.WriteStartArray("shape");
                foreach (var dim in info.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(info.Begin);
                writer.WriteNumberValue(info.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        // Pad with spaces so the data section starts 8-byte aligned (8-byte length field + header).
        var length = (int)json.Length;
        var padded = (length + 7) / 8 * 8;
        var bytes = new byte[padded];
        json.GetBuffer().AsSpan(0, length).CopyTo(bytes);
        bytes.AsSpan(length).Fill((byte)' ');
        return bytes;
    }

    private static void WriteTensorBytes(FileStream stream, torch.Tensor tensor)
    {
        if (tensor.numel() == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        stream.Write(cpu.bytes);
    }

    private static void EnsureLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors data is little-endian; this reader needs a little-endian machine.");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
