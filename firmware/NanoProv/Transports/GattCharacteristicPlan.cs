using System;

namespace NanoProv.Transports
{
    /// <summary>
    /// One provisioning endpoint as a GATT characteristic: its UUID, the 0x2901 user description
    /// (exactly the endpoint name, ASCII, no terminator), properties Read + Write and the longest value it accepts.
    /// </summary>
    public sealed class GattCharacteristicPlan
    {
        /// <summary>Characteristic properties bit for Read.</summary>
        public const byte PropertyRead = 0x02;

        /// <summary>Characteristic properties bit for Write (with response).</summary>
        public const byte PropertyWrite = 0x08;

        private readonly byte[] _userDescription;

        internal GattCharacteristicPlan(string endpointName, ushort shortId, BleUuid uuid, int maxValueLength)
        {
            EndpointName = endpointName;
            ShortId = shortId;
            Uuid = uuid;
            MaxValueLength = maxValueLength;
            _userDescription = AsciiBytes(endpointName);
        }

        /// <summary>The protocomm endpoint name, for example "prov-session".</summary>
        public string EndpointName { get; private set; }

        /// <summary>The 16-bit endpoint id placed in bytes 12–13 of the UUID.</summary>
        public ushort ShortId { get; private set; }

        /// <summary>The characteristic UUID.</summary>
        public BleUuid Uuid { get; private set; }

        /// <summary>The characteristic declaration properties: Read + Write (0x0A); no notify, no write without response.</summary>
        public byte Properties
        {
            get { return PropertyRead | PropertyWrite; }
        }

        /// <summary>The user description text (the endpoint name).</summary>
        public string UserDescription
        {
            get { return EndpointName; }
        }

        /// <summary>The longest request value accepted (longer writes get <see cref="AttErrorCode.InvalidAttributeValueLength"/>).</summary>
        public int MaxValueLength { get; private set; }

        /// <summary>A copy of the 0x2901 descriptor value: the endpoint name in ASCII, exact length, no NUL.</summary>
        public byte[] UserDescriptionBytes()
        {
            byte[] copy = new byte[_userDescription.Length];
            Array.Copy(_userDescription, copy, copy.Length);
            return copy;
        }

        private static byte[] AsciiBytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException("endpoint names must be printable ASCII");
                }

                bytes[i] = (byte)c;
            }

            return bytes;
        }
    }
}
