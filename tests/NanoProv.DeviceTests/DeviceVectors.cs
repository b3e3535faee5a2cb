namespace NanoProv.DeviceTests
{
    /// <summary>
    /// Hex constants of the vectors in Vectors/*.json (the device cannot read files during a test run). Every constant
    /// names its source; the host test DeviceVectorsMatchTheJsonCopies (tests/NanoProv.Firmware.Tests) checks them.
    /// </summary>
    public static class DeviceVectors
    {
        // vector: sec1.json#with_pop.inputs.client_private_key_hex
        public const string Sec1ClientPrivateKey = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";

        // vector: sec1.json#with_pop.inputs.device_private_key_hex
        public const string Sec1DevicePrivateKey = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";

        // vector: sec1.json#with_pop.inputs.device_random_hex
        public const string Sec1DeviceRandom = "000102030405060708090a0b0c0d0e0f";

        // vector: sec1.json#with_pop.derived.client_pubkey_hex
        public const string Sec1ClientPublicKey = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

        // vector: sec1.json#with_pop.derived.device_pubkey_hex
        public const string Sec1DevicePublicKey = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";

        // vector: sec1.json#with_pop.derived.x25519_shared_secret_hex
        public const string Sec1SharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

        // vector: sec1.json#with_pop.derived.sha256_pop_hex
        public const string Sec1Sha256Pop = "e9cee71ab932fde863338d08be4de9dfe39ea049bdafb342ce659ec5450b69ae";

        // vector: sec1.json#with_pop.derived.session_key_hex
        public const string Sec1SessionKey = "a3937a411dfcd00911bdb6fc3e78e6fa03e08180fa7e2d71b89505f95b1d7eec";

        // vector: sec1.json#with_pop.derived.keystream_hex
        public const string Sec1Keystream =
            "5d214738f59b816b91d56cef0e954bdae12c7baf594860a1a440fb2bce5327809fbf34613764ff8c51da2f5a00704cf5" +
            "0ca0ada91a3feef886c05ea76c281097bc5b036ce3a1af8f03dff24b633ca15924778446ff2f9ce2515225cefea2e45c" +
            "1cff15f64824583588a5e4998f2872a291185cf4191851926503a69d0650361411d5304b1f30fcd7d1e95c2a2787f381" +
            "eb649ebfc67da5f731eaae67";

        // vector: sec1.json#with_pop.handshake.cmd0.hex
        public const string Sec1Cmd0 = "10015a25a201220a208520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

        // vector: sec1.json#with_pop.handshake.resp0.hex
        public const string Sec1Resp0 =
            "10015a390801aa01341220de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f1a10000102" +
            "030405060708090a0b0c0d0e0f";

        // vector: sec1.json#with_pop.handshake.cmd1.hex
        public const string Sec1Cmd1 = "10015a270802b20122122083bf9c458ee640df428e0d2de2717eeddeaf3867023007ec09bc853fa1db0ccf";

        // vector: sec1.json#with_pop.handshake.resp1.hex
        public const string Sec1Resp1 = "10015a270803ba01221a201a9fc468be5458d825515286b44ebbaf011f97a43c07f40c6d64f729c6b35efd";

        // vector: sec1.json#with_pop.data_phase.0.request.ciphertext_hex
        public const string Sec1GetStatusRequest = "ee5b";

        // vector: sec1.json#with_pop.data_phase.0.response.ciphertext_hex
        public const string Sec1GetStatusResponse = "0b6db9a3bf8e";

        // vector: sec1.json#with_pop.data_phase.0.request.plaintext_hex
        public const string GetStatusPlain = "5200";

        // vector: sec1.json#with_pop.data_phase.0.response.plaintext_hex
        public const string RespGetStatusConnectingPlain = "08015a021001";

        // vector: sec2.json#credentials.salt_hex
        public const string Sec2Salt = "036ee0c7bcb9eda84c9eac97d93decf4";

        // vector: sec2.json#credentials.verifier_hex
        public const string Sec2Verifier =
            "7c7c85476508946dd636af37d7e8914378cffd616c59d2f83908127238de9e24a470261cdfa903c2b270e7b13224da11" +
            "1d9718dc607208cc9ac90c4827e2ae89aa1625b804d21a9b3a8f37f6e43a712ee127866eadce28ff5446601fb99687dc" +
            "5740a7d46cc97754dc1682f0ed356ac470ad3d90b5819470d7bc65b2d518e02ec3a5f968dd647bb8b73c9cfc00d8717e" +
            "b79a7cb1b7c2c318342932433e0099e98294e3d82ab09629b7df0e5f08334076529132009f972c896c391ec828054417" +
            "3f68028a9f4461d1f5a17e5a70d2c72381cb3868e42c20bc40577617bd08b896bc26eb32466935058c1570d91be9becc" +
            "a938a667f0ad5013197264bf52c234e21b11797472bd345bb1e2fd6673fe716474d04ebc51241940870e9240e621e72d" +
            "4e37762f2ee268c789e8321342068484534ab30c1b4c8d1c519719abae77ffdbecf0109534336bcb3e840fb9d85fb8a0" +
            "b855533e70f718f5ce7b4ebf27cecea8b3be40c5c532293e71649ede8cf675a1e6f653c831a878de5040f762de36b2ba";

        // vector: sec2.json#main.inputs.b_hex
        public const string Sec2B = "2222222222222222222222222222222222222222222222222222222222222222";

        // vector: sec2.json#main.inputs.device_nonce_hex
        public const string Sec2DeviceNonce = "010203040506070800000001";

        // vector: sec2.json#main.values.A_hex
        public const string Sec2ClientA =
            "f33a9bf072b49ae345fe141de7e46fe59ec5f80c0a6cb3aadce5281064191255f7c800ecbe14ce2b77f500f0455ef42b" +
            "aa83922caa9474d8a7c9e6847a9ce7f7b0572519d516c8f4c9613bbcea15ad0908b78ad945e134f356d3ac8d27a8fd5e" +
            "41d6236a588b31f0dcfb2d5cff69015506ac4a865104f98e8151a70bcc6db2ea7e67cf571c95ee7005c892dd3f392022" +
            "820a2836b801714ab6e30998312a62f259315eceb8f44e3277b45fd74eb41be3d69374c66f6100a06f037cab4904ca13" +
            "82f0f7845acc1d975d555a305c3a24a7ea710ffdde16c67f3f1b43b9b37407e8d5e38402493ef93322f922718bc0e646" +
            "6bc93a9a92fcc67408794241f6a349d55dad1d7450946fd3bf7484dd8a0a0ab57949e594bbdb35dfcc1cc122250efa76" +
            "08d7ba5bcff08168969b18ac8aaa2ce2db008f06acec6e12b2dab55d813b37f9a7d7c3a7f929a3e678b99fcba337f70f" +
            "c2574ca9dcafaeeb2e6d30d4b3c12330351a971b2968b74c90b2eedb97f053e351bef835115581b3edd125f7e7e313bf";

        // vector: sec2.json#main.values.B_hex
        public const string Sec2ServerB =
            "48100b468900f768874446f3ce1f5f8b12eeaecde07b25374f19f0aada34850b2ecfd0154fdfb1a54d3371b8e3807be0" +
            "b3d77ccfc260bbcdd488732d6d139e60ec5960b8eabb0e6a1734e7f181d7223cadc53c049002c2454308d4180c258b1d" +
            "ded049623aa06c3989b4e09f306495b9497a615643d19244ee99c2140815de358f6f59b4e5b9a15a7ef154e736ba7066" +
            "a866e7f844e960ebe1a504910a66df60b8427a82771cb74d62a883ade4308242dcf7a0ac6cd837682bdf9292402c9759" +
            "a253997f03be80d09faa234aab8400e2a3da68fa798cfea1c8460d23c51e0438663fb496375a90f0c70cb8dd10b85fc1" +
            "1a6e850bc79b2a6097157ccb62ba1d7dd97b8e583ad9ba631107e5d5edaaa538b94c861a27b596b65ca3fdeca5f76690" +
            "0bd74aaa9fee95eecd44a861d93d629bc40ee4e52913f51a8133a1d8841a67a8a767bcfcd9224d6698b2ca4b9e131b78" +
            "b384a43a10e6305ebb25047282b833d8a6b4fa17295ced28e9aec21e1eac75441aee2d98cbecc9fc0ce226eb0807eb99";

        // vector: sec2.json#main.values.K_hex
        public const string Sec2K =
            "7da7a83dfd6995431de397967f0a2d7daf62575d0171f56cadb80a677e43765d47603636f4ae55b610ba204c0c0860b8" +
            "01811c93635caf0a0b6c6dac4d20b84b";

        // vector: sec2.json#main.values.aes_key_hex
        public const string Sec2AesKey = "7da7a83dfd6995431de397967f0a2d7daf62575d0171f56cadb80a677e43765d";

        // vector: sec2.json#main.values.M1_hex
        public const string Sec2M1 =
            "24909966af0cf35d0af8248320334579a6e9107b346566b81cbf8c6766bada3a1450c9409a500114134e23a508d80312" +
            "a43c327c2ab28e568ab7536aefe36c93";

        // vector: sec2.json#main.values.M2_hex
        public const string Sec2M2 =
            "692fd0fdaed305dae3c0cab945a1d750dccd6b6db224c7b40407980490477125d8324ce356fd58c79109f1e29b774f3e" +
            "ebe9c695db9507fc9cba49fc0673d434";

        // vector: sec2.json#main.wire.cmd0.hex
        public const string Sec2Cmd0 =
            "1002629103a2018d030a087769666970726f76128003f33a9bf072b49ae345fe141de7e46fe59ec5f80c0a6cb3aadce5" +
            "281064191255f7c800ecbe14ce2b77f500f0455ef42baa83922caa9474d8a7c9e6847a9ce7f7b0572519d516c8f4c961" +
            "3bbcea15ad0908b78ad945e134f356d3ac8d27a8fd5e41d6236a588b31f0dcfb2d5cff69015506ac4a865104f98e8151" +
            "a70bcc6db2ea7e67cf571c95ee7005c892dd3f392022820a2836b801714ab6e30998312a62f259315eceb8f44e3277b4" +
            "5fd74eb41be3d69374c66f6100a06f037cab4904ca1382f0f7845acc1d975d555a305c3a24a7ea710ffdde16c67f3f1b" +
            "43b9b37407e8d5e38402493ef93322f922718bc0e6466bc93a9a92fcc67408794241f6a349d55dad1d7450946fd3bf74" +
            "84dd8a0a0ab57949e594bbdb35dfcc1cc122250efa7608d7ba5bcff08168969b18ac8aaa2ce2db008f06acec6e12b2da" +
            "b55d813b37f9a7d7c3a7f929a3e678b99fcba337f70fc2574ca9dcafaeeb2e6d30d4b3c12330351a971b2968b74c90b2" +
            "eedb97f053e351bef835115581b3edd125f7e7e313bf";

        // vector: sec2.json#main.wire.resp0.hex
        public const string Sec2Resp0 =
            "1002629b030801aa01950312800348100b468900f768874446f3ce1f5f8b12eeaecde07b25374f19f0aada34850b2ecf" +
            "d0154fdfb1a54d3371b8e3807be0b3d77ccfc260bbcdd488732d6d139e60ec5960b8eabb0e6a1734e7f181d7223cadc5" +
            "3c049002c2454308d4180c258b1dded049623aa06c3989b4e09f306495b9497a615643d19244ee99c2140815de358f6f" +
            "59b4e5b9a15a7ef154e736ba7066a866e7f844e960ebe1a504910a66df60b8427a82771cb74d62a883ade4308242dcf7" +
            "a0ac6cd837682bdf9292402c9759a253997f03be80d09faa234aab8400e2a3da68fa798cfea1c8460d23c51e0438663f" +
            "b496375a90f0c70cb8dd10b85fc11a6e850bc79b2a6097157ccb62ba1d7dd97b8e583ad9ba631107e5d5edaaa538b94c" +
            "861a27b596b65ca3fdeca5f766900bd74aaa9fee95eecd44a861d93d629bc40ee4e52913f51a8133a1d8841a67a8a767" +
            "bcfcd9224d6698b2ca4b9e131b78b384a43a10e6305ebb25047282b833d8a6b4fa17295ced28e9aec21e1eac75441aee" +
            "2d98cbecc9fc0ce226eb0807eb991a10036ee0c7bcb9eda84c9eac97d93decf4";

        // vector: sec2.json#main.wire.cmd1.hex
        public const string Sec2Cmd1 =
            "100262470802b201420a4024909966af0cf35d0af8248320334579a6e9107b346566b81cbf8c6766bada3a1450c9409a" +
            "500114134e23a508d80312a43c327c2ab28e568ab7536aefe36c93";

        // vector: sec2.json#main.wire.resp1.hex
        public const string Sec2Resp1 =
            "100262550803ba01501240692fd0fdaed305dae3c0cab945a1d750dccd6b6db224c7b40407980490477125d8324ce356" +
            "fd58c79109f1e29b774f3eebe9c695db9507fc9cba49fc0673d4341a0c010203040506070800000001";

        // vector: sec2.json#main.data_phase.0.request.iv_hex
        public const string Sec2GetStatusIv = "010203040506070800000001";

        // vector: sec2.json#main.data_phase.0.request.wire_hex
        public const string Sec2GetStatusRequest = "b92129931b769df251d12dd8394300138b98";

        // vector: sec2.json#main.data_phase.0.response.wire_hex
        public const string Sec2GetStatusResponse = "e1776e1ebbee6eacd6e5a91787775e6fcf209e16f989";

        // vector: protobuf.json#cases.35.hex
        public const string PbSetConfig = "080262140a066d7973736964120a6d7970617373776f7264";

        // vector: protobuf.json#cases.33.hex
        public const string PbRespGetStatusConnected = "08015a245a220a0c3139322e3136382e312e323310031a066d79737369642206240ac41234562806";

        // vector: protobuf.json#cases.30.hex
        public const string PbRespGetStatusAuthError = "08015a0410035000";

        // vector: protobuf.json#cases.64.hex
        public const string PbRespScanResult4 =
            "08057a81010a200a07486f6d654e6574100618d8ffffffffffffffff012206240ac400000628030a1f0a064f66666963" +
            "65100b18c9ffffffffffffffff012206240ac400000b28070a1b0a0443616665100118baffffffffffffffff01220624" +
            "0ac40000010a1f0a064c6567616379100318a8ffffffffffffffff012206240ac40000032801";

        // vector: protobuf.json#cases.8.hex
        public const string PbSec1Resp0 =
            "10015a390801aa01341220de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f1a10000102" +
            "030405060708090a0b0c0d0e0f";
    }
}
