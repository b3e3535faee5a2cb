// Minimal stand-in for nf-interpreter's CLR headers, just enough to compile and exercise the
// NanoProv interop glue on the host (test_nano_glue). Names follow the nanoCLR API the glue uses:
// CLR_RT_StackFrame::ArgN()/SetResult_I4, CLR_RT_HeapBlock::DereferenceArray()/NumericByRef(),
// CLR_RT_HeapBlock_Array::GetFirstElement()/m_numOfElements, NANOCLR_* macros.
#ifndef NP_MOCK_NANOCLR_RUNTIME_H
#define NP_MOCK_NANOCLR_RUNTIME_H

#include <cstddef>
#include <cstdint>
#include <vector>

typedef int32_t HRESULT;
typedef uint8_t CLR_UINT8;
typedef uint16_t CLR_UINT16;
typedef int32_t CLR_INT32;
typedef uint32_t CLR_UINT32;
#define S_OK ((HRESULT)0)

struct CLR_RT_HeapBlock_Array
{
    CLR_UINT32 m_numOfElements;
    std::vector<CLR_UINT8> storage;
    CLR_UINT8 *GetFirstElement() { return storage.data(); }
};

struct CLR_RT_HeapBlock
{
    union Numeric {
        CLR_INT32 s4;
        CLR_UINT32 u4;
    } numeric{};
    CLR_RT_HeapBlock_Array *array = nullptr;

    CLR_RT_HeapBlock_Array *DereferenceArray() { return array; }
    Numeric &NumericByRef() { return numeric; }
};

struct CLR_RT_StackFrame
{
    CLR_RT_HeapBlock args[8];
    CLR_RT_HeapBlock result;
    bool resultSet = false;

    CLR_RT_HeapBlock &Arg0() { return args[0]; }
    CLR_RT_HeapBlock &Arg1() { return args[1]; }
    CLR_RT_HeapBlock &Arg2() { return args[2]; }
    CLR_RT_HeapBlock &Arg3() { return args[3]; }
    CLR_RT_HeapBlock &Arg4() { return args[4]; }
    CLR_RT_HeapBlock &Arg5() { return args[5]; }
    CLR_RT_HeapBlock &Arg6() { return args[6]; }
    CLR_RT_HeapBlock &Arg7() { return args[7]; }
    void SetResult_I4(CLR_INT32 v)
    {
        result.numeric.s4 = v;
        resultSet = true;
    }
};

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RECORD_VERSION
{
    CLR_UINT16 majorVersion;
    CLR_UINT16 minorVersion;
    CLR_UINT16 buildNumber;
    CLR_UINT16 revisionNumber;
};

struct CLR_RT_NativeAssemblyData
{
    const char *m_szAssemblyName;
    CLR_UINT32 m_checkSum;
    const CLR_RT_MethodHandler *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_RETURN() return hr
#define NANOCLR_NOCLEANUP_NOLABEL() \
    hr = S_OK;                      \
    NANOCLR_RETURN()

#endif
