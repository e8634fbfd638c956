using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Muybridge.Video.Onnx.Tensors;

/// <summary>
/// Row kernels between interleaved 8-bit RGB and planar float: 16 pixels per step with byte shuffles (pshufb / tbl) and
/// widening conversions, then a scalar tail. The scalar methods are the reference the vector paths are tested against;
/// both do the same float operations in the same order, so they agree bit for bit.
/// </summary>
internal static class PlanarKernels
{
    private const int Block = 16;

    // Deinterleave: byte j of a 48-byte block belongs to pixel j/3, channel j%3; a mask per (channel, source vector)
    // gathers that vector's bytes of the channel into pixel order, 0xFF elsewhere (out of range shuffles to zero).
    private static readonly Vector128<byte>[] Gather = BuildGather();

    // Interleave: the inverse, a mask per (output vector, channel) scattering the channel's pixels into byte positions.
    private static readonly Vector128<byte>[] Scatter = BuildScatter();

    /// <summary>One row: <c>planes[k][x] = rgb[3x + Source(k)] × Scale(k) + Bias(k)</c>.</summary>
    public static void Deinterleave(ReadOnlySpan<byte> rgb, Span<float> c0, Span<float> c1, Span<float> c2, in ChannelAffine affine)
    {
        var n = c0.Length;
        if (rgb.Length < 3 * n || c1.Length < n || c2.Length < n)
        {
            throw new InvalidOptionException("Row lengths do not match.");
        }

        // Route each source channel (R, G, B) to the plane that wants it, so the loop never branches on channel order.
        ref var dR = ref PlaneFor(0, affine, c0, c1, c2, out var sR, out var bR);
        ref var dG = ref PlaneFor(1, affine, c0, c1, c2, out var sG, out var bG);
        ref var dB = ref PlaneFor(2, affine, c0, c1, c2, out var sB, out var bB);
        ref var src = ref MemoryMarshal.GetReference(rgb);
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> vsR = Vector128.Create(sR), vsG = Vector128.Create(sG), vsB = Vector128.Create(sB);
            Vector128<float> vbR = Vector128.Create(bR), vbG = Vector128.Create(bG), vbB = Vector128.Create(bB);
            var g = Gather;
            for (; x <= n - Block; x += Block)
            {
                var v0 = Vector128.LoadUnsafe(ref src, (nuint)(3 * x));
                var v1 = Vector128.LoadUnsafe(ref src, (nuint)(3 * x + 16));
                var v2 = Vector128.LoadUnsafe(ref src, (nuint)(3 * x + 32));
                var r = Vector128.ShuffleNative(v0, g[0]) | Vector128.ShuffleNative(v1, g[1]) | Vector128.ShuffleNative(v2, g[2]);
                var gr = Vector128.ShuffleNative(v0, g[3]) | Vector128.ShuffleNative(v1, g[4]) | Vector128.ShuffleNative(v2, g[5]);
                var b = Vector128.ShuffleNative(v0, g[6]) | Vector128.ShuffleNative(v1, g[7]) | Vector128.ShuffleNative(v2, g[8]);
                StoreWidened(r, vsR, vbR, ref dR, x);
                StoreWidened(gr, vsG, vbG, ref dG, x);
                StoreWidened(b, vsB, vbB, ref dB, x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref dR, x) = Unsafe.Add(ref src, 3 * x) * sR + bR;
            Unsafe.Add(ref dG, x) = Unsafe.Add(ref src, 3 * x + 1) * sG + bG;
            Unsafe.Add(ref dB, x) = Unsafe.Add(ref src, 3 * x + 2) * sB + bB;
        }
    }

    /// <summary>The reference: one pixel at a time.</summary>
    public static void DeinterleaveScalar(ReadOnlySpan<byte> rgb, Span<float> c0, Span<float> c1, Span<float> c2, in ChannelAffine affine)
    {
        for (var x = 0; x < c0.Length; x++)
        {
            c0[x] = rgb[3 * x + affine.Source0] * affine.Scale0 + affine.Bias0;
            c1[x] = rgb[3 * x + affine.Source1] * affine.Scale1 + affine.Bias1;
            c2[x] = rgb[3 * x + affine.Source2] * affine.Scale2 + affine.Bias2;
        }
    }

    /// <summary>One row back: <c>rgb[3x + Source(k)] = round((planes[k][x] − Bias(k)) / Scale(k))</c>, clamped to 0…255.</summary>
    public static void Interleave(ReadOnlySpan<float> c0, ReadOnlySpan<float> c1, ReadOnlySpan<float> c2, Span<byte> rgb, in ChannelAffine affine)
    {
        var n = c0.Length;
        if (rgb.Length < 3 * n || c1.Length < n || c2.Length < n)
        {
            throw new InvalidOptionException("Row lengths do not match.");
        }

        ref readonly var pR = ref PlaneFor(0, affine, c0, c1, c2, out var sR, out var bR);
        ref readonly var pG = ref PlaneFor(1, affine, c0, c1, c2, out var sG, out var bG);
        ref readonly var pB = ref PlaneFor(2, affine, c0, c1, c2, out var sB, out var bB);
        Inverse(sR, bR, out var iR, out var oR);
        Inverse(sG, bG, out var iG, out var oG);
        Inverse(sB, bB, out var iB, out var oB);
        ref var dst = ref MemoryMarshal.GetReference(rgb);
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var s = Scatter;
            for (; x <= n - Block; x += Block)
            {
                var r = Narrowed(in pR, x, iR, oR);
                var g = Narrowed(in pG, x, iG, oG);
                var b = Narrowed(in pB, x, iB, oB);
                (Vector128.ShuffleNative(r, s[0]) | Vector128.ShuffleNative(g, s[1]) | Vector128.ShuffleNative(b, s[2])).StoreUnsafe(ref dst, (nuint)(3 * x));
                (Vector128.ShuffleNative(r, s[3]) | Vector128.ShuffleNative(g, s[4]) | Vector128.ShuffleNative(b, s[5])).StoreUnsafe(ref dst, (nuint)(3 * x + 16));
                (Vector128.ShuffleNative(r, s[6]) | Vector128.ShuffleNative(g, s[7]) | Vector128.ShuffleNative(b, s[8])).StoreUnsafe(ref dst, (nuint)(3 * x + 32));
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref dst, 3 * x) = ToByte(Unsafe.Add(ref Unsafe.AsRef(in pR), x), iR, oR);
            Unsafe.Add(ref dst, 3 * x + 1) = ToByte(Unsafe.Add(ref Unsafe.AsRef(in pG), x), iG, oG);
            Unsafe.Add(ref dst, 3 * x + 2) = ToByte(Unsafe.Add(ref Unsafe.AsRef(in pB), x), iB, oB);
        }
    }

    /// <summary>The reference: one pixel at a time.</summary>
    public static void InterleaveScalar(ReadOnlySpan<float> c0, ReadOnlySpan<float> c1, ReadOnlySpan<float> c2, Span<byte> rgb, in ChannelAffine affine)
    {
        Inverse(affine.Scale0, affine.Bias0, out var i0, out var o0);
        Inverse(affine.Scale1, affine.Bias1, out var i1, out var o1);
        Inverse(affine.Scale2, affine.Bias2, out var i2, out var o2);
        for (var x = 0; x < c0.Length; x++)
        {
            rgb[3 * x + affine.Source0] = ToByte(c0[x], i0, o0);
            rgb[3 * x + affine.Source1] = ToByte(c1[x], i1, o1);
            rgb[3 * x + affine.Source2] = ToByte(c2[x], i2, o2);
        }
    }

    /// <summary>A single plane of bytes to floats: <c>value × scale + bias</c>.</summary>
    public static void BytesToPlane(ReadOnlySpan<byte> bytes, Span<float> plane, float scale, float bias)
    {
        var n = plane.Length;
        ref var src = ref MemoryMarshal.GetReference(bytes);
        ref var dst = ref MemoryMarshal.GetReference(plane);
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> vs = Vector128.Create(scale), vb = Vector128.Create(bias);
            for (; x <= n - Block; x += Block)
            {
                StoreWidened(Vector128.LoadUnsafe(ref src, (nuint)x), vs, vb, ref dst, x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref dst, x) = Unsafe.Add(ref src, x) * scale + bias;
        }
    }

    /// <summary>A single float plane back to bytes: <c>round((value − bias) / scale)</c>, clamped to 0…255.</summary>
    public static void PlaneToBytes(ReadOnlySpan<float> plane, Span<byte> bytes, float scale, float bias)
    {
        var n = plane.Length;
        Inverse(scale, bias, out var inv, out var off);
        ref readonly var src = ref MemoryMarshal.GetReference(plane);
        ref var dst = ref MemoryMarshal.GetReference(bytes);
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= n - Block; x += Block)
            {
                Narrowed(in src, x, inv, off).StoreUnsafe(ref dst, (nuint)x);
            }
        }

        for (; x < n; x++)
        {
            Unsafe.Add(ref dst, x) = ToByte(Unsafe.Add(ref Unsafe.AsRef(in src), x), inv, off);
        }
    }

    // Rounding is folded into the offset (+0.5 then truncate), identically in the vector and scalar paths.
    private static void Inverse(float scale, float bias, out float inverse, out float offset)
    {
        inverse = 1f / scale;
        offset = -bias * inverse + 0.5f;
    }

    private static byte ToByte(float value, float inverse, float offset)
        => (byte)(int)Math.Clamp(value * inverse + offset, 0f, 255f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWidened(Vector128<byte> bytes, Vector128<float> scale, Vector128<float> bias, ref float destination, int at)
    {
        var lo = Vector128.WidenLower(bytes);
        var hi = Vector128.WidenUpper(bytes);
        if (Vector256.IsHardwareAccelerated)
        {
            var scale8 = Vector256.Create(scale, scale);
            var bias8 = Vector256.Create(bias, bias);
            (Vector256.ConvertToSingle(Vector256.WidenLower(Vector256.Create(lo, hi)).AsInt32()) * scale8 + bias8).StoreUnsafe(ref destination, (nuint)at);
            (Vector256.ConvertToSingle(Vector256.WidenUpper(Vector256.Create(lo, hi)).AsInt32()) * scale8 + bias8).StoreUnsafe(ref destination, (nuint)(at + 8));
            return;
        }

        (Vector128.ConvertToSingle(Vector128.WidenLower(lo).AsInt32()) * scale + bias).StoreUnsafe(ref destination, (nuint)at);
        (Vector128.ConvertToSingle(Vector128.WidenUpper(lo).AsInt32()) * scale + bias).StoreUnsafe(ref destination, (nuint)(at + 4));
        (Vector128.ConvertToSingle(Vector128.WidenLower(hi).AsInt32()) * scale + bias).StoreUnsafe(ref destination, (nuint)(at + 8));
        (Vector128.ConvertToSingle(Vector128.WidenUpper(hi).AsInt32()) * scale + bias).StoreUnsafe(ref destination, (nuint)(at + 12));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Narrowed(ref readonly float source, int at, float inverse, float offset)
    {
        ref var s = ref Unsafe.AsRef(in source);
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight floats per operation where the machine has 256-bit vectors: this direction is compute-bound.
            Vector256<float> inv8 = Vector256.Create(inverse), off8 = Vector256.Create(offset), max8 = Vector256.Create(255f);
            var lo = Vector256.ConvertToInt32Native(Vector256.MinNative(Vector256.MaxNative(Vector256.LoadUnsafe(ref s, (nuint)at) * inv8 + off8, Vector256<float>.Zero), max8));
            var hi = Vector256.ConvertToInt32Native(Vector256.MinNative(Vector256.MaxNative(Vector256.LoadUnsafe(ref s, (nuint)(at + 8)) * inv8 + off8, Vector256<float>.Zero), max8));
            var shorts = Vector256.Narrow(lo, hi).AsUInt16();
            return Vector128.Narrow(shorts.GetLower(), shorts.GetUpper());
        }

        Vector128<float> inv = Vector128.Create(inverse), off = Vector128.Create(offset), max = Vector128.Create(255f);
        var a = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.LoadUnsafe(ref s, (nuint)at) * inv + off, Vector128<float>.Zero), max));
        var b = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.LoadUnsafe(ref s, (nuint)(at + 4)) * inv + off, Vector128<float>.Zero), max));
        var c = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.LoadUnsafe(ref s, (nuint)(at + 8)) * inv + off, Vector128<float>.Zero), max));
        var d = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.LoadUnsafe(ref s, (nuint)(at + 12)) * inv + off, Vector128<float>.Zero), max));
        return Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(c, d).AsUInt16());
    }

    private static ref float PlaneFor(int sourceChannel, in ChannelAffine affine, Span<float> c0, Span<float> c1, Span<float> c2, out float scale, out float bias)
    {
        var k = affine.Source0 == sourceChannel ? 0 : affine.Source1 == sourceChannel ? 1 : 2;
        scale = affine.Scale(k);
        bias = affine.Bias(k);
        return ref MemoryMarshal.GetReference(k == 0 ? c0 : k == 1 ? c1 : c2);
    }

    private static ref readonly float PlaneFor(int sourceChannel, in ChannelAffine affine, ReadOnlySpan<float> c0, ReadOnlySpan<float> c1, ReadOnlySpan<float> c2, out float scale, out float bias)
    {
        var k = affine.Source0 == sourceChannel ? 0 : affine.Source1 == sourceChannel ? 1 : 2;
        scale = affine.Scale(k);
        bias = affine.Bias(k);
        return ref MemoryMarshal.GetReference(k == 0 ? c0 : k == 1 ? c1 : c2);
    }

    private static Vector128<byte>[] BuildGather()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> m = stackalloc byte[16];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var part = 0; part < 3; part++)
            {
                m.Fill(0xFF);
                for (var pixel = 0; pixel < Block; pixel++)
                {
                    var j = 3 * pixel + channel;
                    if (j / 16 == part)
                    {
                        m[pixel] = (byte)(j % 16);
                    }
                }

                masks[3 * channel + part] = Vector128.Create((ReadOnlySpan<byte>)m);
            }
        }

        return masks;
    }

    private static Vector128<byte>[] BuildScatter()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> m = stackalloc byte[16];
        for (var part = 0; part < 3; part++)
        {
            for (var channel = 0; channel < 3; channel++)
            {
                m.Fill(0xFF);
                for (var i = 0; i < 16; i++)
                {
                    var j = 16 * part + i;
                    if (j % 3 == channel)
                    {
                        m[i] = (byte)(j / 3);
                    }
                }

                masks[3 * part + channel] = Vector128.Create((ReadOnlySpan<byte>)m);
            }
        }

        return masks;
    }
}
