// Stand-in: everything lives in nanoCLR_Runtime.h for the host glue test.
#include "nanoCLR_Runtime.h"
