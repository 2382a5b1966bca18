#include "core/processes/workerloop.h"

// calcprof-worker: one worker process of the processes strategy (see core/processes/).
int main(int argc, char* argv[])
{
    return calcprof::workerMain(argc, argv);
}
