//! Small helpers over the raw ONNX Runtime C API (`ort::api()`), used on the hot path where the
//! safe `ort` wrappers would allocate or copy.

use std::ffi::CStr;
use std::ptr;

use ort::sys;

/// A failed ONNX Runtime C API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrtFailure {
    pub code: sys::OrtErrorCode,
    pub message: String,
}

impl std::fmt::Display for OrtFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Turns an `OrtStatus*` into a `Result`, releasing the status.
pub(crate) fn check(status: sys::OrtStatusPtr) -> Result<(), OrtFailure> {
    if status.0.is_null() {
        return Ok(());
    }
    let api = ort::api();
    // SAFETY: `status` is a non-null status returned by the C API; we release it exactly once.
    unsafe {
        let code = (api.GetErrorCode)(status.0);
        let message = CStr::from_ptr((api.GetErrorMessage)(status.0))
            .to_string_lossy()
            .into_owned();
        (api.ReleaseStatus)(status.0);
        Err(OrtFailure { code, message })
    }
}

/// An owned `OrtValue*`, released on drop.
pub struct OwnedValue(pub(crate) *mut sys::OrtValue);

// SAFETY: an OrtValue is plain data owned by this handle; ONNX Runtime does not tie it to a thread.
unsafe impl Send for OwnedValue {}
unsafe impl Sync for OwnedValue {}

impl Drop for OwnedValue {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: we own the value and release it once.
            unsafe { (ort::api().ReleaseValue)(self.0) };
        }
    }
}

/// An owned `OrtRunOptions*`, released on drop.
pub(crate) struct RunOptions(pub(crate) *mut sys::OrtRunOptions);

// SAFETY: ONNX Runtime documents SetTerminate as callable from another thread while Run executes.
unsafe impl Send for RunOptions {}
unsafe impl Sync for RunOptions {}

impl RunOptions {
    pub(crate) fn new() -> Result<Self, OrtFailure> {
        let mut p = ptr::null_mut();
        // SAFETY: valid out-pointer.
        check(unsafe { (ort::api().CreateRunOptions)(&mut p) })?;
        Ok(RunOptions(p))
    }

    pub(crate) fn terminate(&self) {
        // SAFETY: the options are alive (owned by self); terminate only flips a flag.
        let _ = check(unsafe { (ort::api().RunOptionsSetTerminate)(self.0) });
    }
}

impl Drop for RunOptions {
    fn drop(&mut self) {
        // SAFETY: we own the options and release them once.
        unsafe { (ort::api().ReleaseRunOptions)(self.0) };
    }
}

/// Element type and dimensions of a tensor value.
pub(crate) fn tensor_type_and_shape(
    value: *const sys::OrtValue,
) -> Result<(sys::ONNXTensorElementDataType, Vec<i64>), OrtFailure> {
    let api = ort::api();
    let mut info = ptr::null_mut();
    // SAFETY: `value` is a live tensor; `info` is released below.
    unsafe {
        check((api.GetTensorTypeAndShape)(value, &mut info))?;
        let result = (|| {
            let mut ty = sys::ONNXTensorElementDataType::ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
            check((api.GetTensorElementType)(info, &mut ty))?;
            let mut n = 0usize;
            check((api.GetDimensionsCount)(info, &mut n))?;
            let mut dims = vec![0i64; n];
            check((api.GetDimensions)(info, dims.as_mut_ptr(), n))?;
            Ok((ty, dims))
        })();
        (api.ReleaseTensorTypeAndShapeInfo)(info);
        result
    }
}

/// The ONNX Runtime version string of the library at `path` (already loaded by `ort`).
pub(crate) fn library_version(path: &std::path::Path) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: RTLD_NOLOAD only returns a handle to a library that is already loaded; we read one
    // static string through its documented entry point and drop our extra reference.
    unsafe {
        let handle = libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW | libc::RTLD_NOLOAD);
        if handle.is_null() {
            return None;
        }
        let sym = libc::dlsym(handle, c"OrtGetApiBase".as_ptr());
        let version = if sym.is_null() {
            None
        } else {
            let get_base: unsafe extern "C" fn() -> *const sys::OrtApiBase =
                std::mem::transmute(sym);
            let base = get_base();
            if base.is_null() {
                None
            } else {
                Some(
                    CStr::from_ptr(((*base).GetVersionString)())
                        .to_string_lossy()
                        .into_owned(),
                )
            }
        };
        libc::dlclose(handle);
        version
    }
}
