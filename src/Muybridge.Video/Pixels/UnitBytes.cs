namespace Muybridge.Video.Pixels;

/// <summary>A plane of 0…1 values (a model's soft matte) to bytes 0…255, rounded to nearest.</summary>
internal static class UnitBytes
{
    // The inverse of the 1/255 step as the ONNX package's tensor kernels compute it (1f / (1f / 255f), a hair under 255),
    // so a matte's bytes are the same whichever package wrote them.
    private static readonly float Inverse = 1f / (1f / 255f);

    /// <summary>Writes <c>round(plane[i] × 255)</c>, clamped to 0…255 (NaN to 0), into <paramref name="bytes"/>.</summary>
    public static void FromUnit(ReadOnlySpan<float> plane, Span<byte> bytes)
    {
        if (bytes.Length < plane.Length)
        {
            throw new InvalidOptionException($"{plane.Length} values but room for {bytes.Length} bytes.", nameof(bytes));
        }

        var inverse = Inverse;
        for (var i = 0; i < plane.Length; i++)
        {
            bytes[i] = (byte)(int)Math.Clamp(plane[i] * inverse + 0.5f, 0f, 255f);
        }
    }
}
